import { z } from 'zod'

/**
 * Characters that break a line or disguise text: control characters (newline, carriage return,
 * tab, NEL…), the Unicode line and paragraph separators, and the bidirectional overrides and
 * isolates that make a reader see characters in another order than they are stored.
 */
const lineBreaking = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u
const lineBreakingAll = new RegExp(lineBreaking.source, 'gu')

/**
 * A field shown on one line: a title, a name, a term of an agreement. What a rendering places on
 * the next line (an agreement's `Owner:` and `Due:`) can then never be written by this field.
 */
export const oneLine = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((value) => !lineBreaking.test(value), {
      message: 'must be one line, without control characters',
    })

/** Free text of several lines (a preamble, a reason): newlines, but no other control characters. */
export const multiLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !lineBreaking.test(value.replaceAll('\n', '')), {
      message: 'must not contain control characters other than newlines',
    })

/** A stored value put on one line whatever it holds, for renderings that must not be forged. */
export const asOneLine = (value: string): string => value.replace(lineBreakingAll, ' ')
