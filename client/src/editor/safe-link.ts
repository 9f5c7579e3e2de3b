/** The only link protocols the editor keeps: nothing that can run code (no `javascript:`). */
const safeProtocols = new Set(['http:', 'https:', 'mailto:'])

export const isSafeLink = (href: string): boolean => {
  try {
    return safeProtocols.has(new URL(href, 'https://relative.invalid').protocol)
  } catch {
    return false
  }
}

/** What someone typed as a link, made absolute (`example.org` → `https://example.org`). */
export const normaliseLink = (input: string): string | undefined => {
  const trimmed = input.trim()
  if (!trimmed) return undefined
  const withProtocol = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`
  return isSafeLink(withProtocol) ? withProtocol : undefined
}
