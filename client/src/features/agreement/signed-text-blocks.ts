/**
 * The few Markdown shapes an agreement's text uses (`agreementText` in shared: a `#` title,
 * paragraphs, numbered terms with an indented owner line; a preamble may add `-` lists and
 * `**bold**`), parsed into plain data. Rendering builds React elements from it, so whatever a
 * party typed stays text and never becomes markup.
 */
export type Inline = { bold: boolean; text: string }

export type SignedTextBlock =
  | { kind: 'heading'; level: number; text: Inline[] }
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][][] }

/** `**bold**` spans; an unmatched `**` stays as typed. */
export const parseInline = (text: string): Inline[] => {
  const parts = text.split('**')
  if (parts.length % 2 === 0) return [{ bold: false, text }]
  return parts
    .map((part, index) => ({ bold: index % 2 === 1, text: part }))
    .filter((part) => part.text.length > 0)
}

const heading = /^(#{1,6})\s+(.*)$/
const ordered = /^(\d{1,4})[.)]\s+(.*)$/
const bullet = /^[-*]\s+(.*)$/

export const parseSignedText = (text: string): SignedTextBlock[] => mergeLists(chunks(text))

/** Terms are written one per paragraph: consecutive lists of one kind are one list. */
const mergeLists = (blocks: SignedTextBlock[]): SignedTextBlock[] =>
  blocks.reduce<SignedTextBlock[]>((merged, block) => {
    const last = merged.at(-1)
    if (block.kind === 'list' && last?.kind === 'list' && last.ordered === block.ordered) {
      merged[merged.length - 1] = { ...last, items: [...last.items, ...block.items] }
    } else merged.push(block)
    return merged
  }, [])

const chunks = (text: string): SignedTextBlock[] =>
  text
    .split(/\n\s*\n/)
    .filter((chunk) => chunk.trim().length > 0)
    .flatMap((chunk): SignedTextBlock[] => {
      const lines = chunk.split('\n')
      const first = (lines[0] ?? '').trim()
      const isHeading = heading.exec(first)
      if (isHeading && lines.length === 1) {
        return [
          {
            kind: 'heading',
            level: isHeading[1]?.length ?? 1,
            text: parseInline(isHeading[2] ?? ''),
          },
        ]
      }
      const listMarker = ordered.exec(first) ?? bullet.exec(first)
      if (listMarker) return [parseList(lines)]
      return [{ kind: 'paragraph', lines: lines.map((line) => parseInline(line.trim())) }]
    })

/** A list: each marker starts an item; indented lines after it continue that item. */
const parseList = (lines: readonly string[]): SignedTextBlock => {
  const firstOrdered = ordered.exec((lines[0] ?? '').trim())
  const items: Inline[][][] = []
  for (const line of lines) {
    const trimmed = line.trim()
    const marker = firstOrdered ? ordered.exec(trimmed) : bullet.exec(trimmed)
    const content = marker ? (firstOrdered ? marker[2] : marker[1]) : undefined
    if (content !== undefined && !/^\s/.test(line)) items.push([parseInline(content)])
    else items.at(-1)?.push(parseInline(trimmed))
  }
  return {
    kind: 'list',
    ordered: firstOrdered !== null,
    start: firstOrdered ? Number(firstOrdered[1]) : 1,
    items,
  }
}
