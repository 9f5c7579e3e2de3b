import { hocuspocusMemory, hocuspocusSqlite } from './hocuspocus.js'
import { mufakatFull, mufakatNormal, mufakatPostgres } from './mufakat.js'
import { reference } from './reference.js'
import { relay } from './relay.js'
import type { TargetDefinition } from './target.js'

/** Every target, in the order tables list them. Mufakat (full) first: it is the subject. */
export const ALL_TARGETS: readonly TargetDefinition[] = [
  mufakatFull,
  mufakatNormal,
  mufakatPostgres,
  reference,
  hocuspocusMemory,
  hocuspocusSqlite,
  relay,
]

export const SUBJECT = mufakatFull.name
export const CEILING = relay.name

export const findTargets = (names: readonly string[]): TargetDefinition[] =>
  names.map((name) => {
    const target = ALL_TARGETS.find((t) => t.name === name)
    if (target === undefined) {
      throw new Error(`unknown target ${name}; known: ${ALL_TARGETS.map((t) => t.name).join(', ')}`)
    }
    return target
  })
