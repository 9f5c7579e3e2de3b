import { pollMaxOptions } from '../../../../shared/src/schema/poll.js'
import type { ProseMirrorNode } from '../../../../shared/src/ydoc/prosemirror-json.js'

const optionMax = 200

const textOf = (node: ProseMirrorNode): string =>
  node.text ?? (node.content ?? []).map(textOf).join(node.type === 'hardBreak' ? ' ' : '')

/** One line of at most an option's length, without the characters an option may not hold. */
const asOption = (text: string): string => {
  const line = text
    .replace(/[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return line.length > optionMax ? `${line.slice(0, optionMax - 1)}…` : line
}

/**
 * The passages of a plan to dot-vote on: its headings (the sections of a plan from a template),
 * or its paragraphs when it has fewer than two; each once, at most as many as a poll takes.
 */
export const planPassages = (doc: ProseMirrorNode): string[] => {
  const blocks: { type: string; text: string }[] = []
  const walk = (node: ProseMirrorNode) => {
    if (node.type === 'heading' || node.type === 'paragraph') {
      const text = asOption(textOf(node))
      if (text) blocks.push({ type: node.type, text })
      return
    }
    for (const child of node.content ?? []) walk(child)
  }
  walk(doc)
  const headings = blocks.filter((block) => block.type === 'heading')
  const chosen =
    headings.length >= 2 ? headings : blocks.filter((block) => block.type === 'paragraph')
  return [...new Set(chosen.map((block) => block.text))].slice(0, pollMaxOptions)
}
