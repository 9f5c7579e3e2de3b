import type { ZodType } from 'zod'

/**
 * A message another node published, checked against its schema; undefined when it is not one
 * (a node of another release, say): the caller drops it and says so.
 */
export const readClusterMessage = <T>(schema: ZodType<T>, text: string): T | undefined => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  const checked = schema.safeParse(parsed)
  return checked.success ? checked.data : undefined
}
