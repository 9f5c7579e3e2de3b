import type { ProseMirrorNode } from '../../../../../shared/src/ydoc/prosemirror-json.js'
import { planAsItStands } from '../../../../../shared/src/ydoc/suggestions.js'

/**
 * Plain text made safe to place in Markdown: characters that are syntax anywhere in a line are
 * escaped everywhere; those that are syntax only at the start of a line (headings, lists,
 * quotes) only there, so ordinary sentences stay readable.
 */
export const escapeMarkdown = (text: string): string =>
  text
    .replace(/[\\`*_[\]<>~|]/g, '\\$&')
    .replace(/^(\s*)([#+\->=]|\d+(?=[.)]))/gm, (_, space: string, mark: string) =>
      /^\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
    )

const safeHref = (href: unknown): string | undefined => {
  if (typeof href !== 'string') return undefined
  try {
    const url = new URL(href)
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined
  } catch {
    return undefined
  }
}

const inline = (nodes: readonly ProseMirrorNode[] = []): string =>
  nodes
    .map((node) => {
      if (node.type === 'hardBreak') return '  \n'
      let text = node.type === 'text' ? escapeMarkdown(node.text ?? '') : inline(node.content)
      for (const mark of node.marks ?? []) {
        if (mark.type === 'bold') text = `**${text}**`
        else if (mark.type === 'italic') text = `*${text}*`
        else if (mark.type === 'strike') text = `~~${text}~~`
        else if (mark.type === 'code') text = `\`${(node.text ?? '').replace(/`/g, '')}\``
        else if (mark.type === 'link') {
          const href = safeHref(mark.attrs?.href)
          if (href) text = `[${text}](<${href.replace(/[<>]/g, '')}>)`
        }
      }
      return text
    })
    .join('')

const block = (node: ProseMirrorNode, indent: string): string => {
  const content = node.content ?? []
  switch (node.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1))
      return `${indent}${'#'.repeat(level)} ${inline(content)}`
    }
    case 'paragraph':
      return `${indent}${inline(content)}`
    case 'blockquote':
      return content.map((child) => block(child, `${indent}> `)).join(`\n${indent}>\n`)
    case 'bulletList':
    case 'orderedList':
      return content
        .map((item, index) => {
          const bullet = node.type === 'bulletList' ? '- ' : `${index + 1}. `
          const [first, ...rest] = item.content ?? []
          const lines = [`${indent}${bullet}${first ? block(first, '').trimStart() : ''}`]
          for (const child of rest) lines.push(block(child, `${indent}   `))
          return lines.join('\n')
        })
        .join('\n')
    case 'codeBlock': {
      const code = content.map((child) => child.text ?? '').join('')
      // A fence longer than any run of backticks inside, so no line of the code can close it.
      const longest = (code.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0)
      const fence = '`'.repeat(Math.max(3, longest + 1))
      const lines = code.split('\n').map((line) => `${indent}${line}`)
      return [`${indent}${fence}`, ...lines, `${indent}${fence}`].join('\n')
    }
    case 'horizontalRule':
      return `${indent}---`
    default:
      return `${indent}${inline(content)}`
  }
}

/** Markdown of a plan as it stands (no suggestions); every character of the text is escaped, so nothing in it becomes markup. */
export const toMarkdown = (doc: ProseMirrorNode): string =>
  `${(planAsItStands(doc).content ?? []).map((node) => block(node, '')).join('\n\n')}\n`
