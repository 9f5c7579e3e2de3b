import type { ProseMirrorNode } from '../../../../../shared/src/ydoc/prosemirror-json.js'
import { SuggestionMark } from '../../../../../shared/src/ydoc/suggestions.js'

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

const safeHref = (href: unknown): string | undefined => {
  if (typeof href !== 'string') return undefined
  try {
    const url = new URL(href)
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined
  } catch {
    return undefined
  }
}

const markTags: Record<string, string> = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  code: 'code',
  // Suggestions not yet settled read as what they are.
  [SuggestionMark.insert]: 'ins',
  [SuggestionMark.delete]: 'del',
}

const inline = (nodes: readonly ProseMirrorNode[] = []): string =>
  nodes
    .map((node) => {
      if (node.type === 'hardBreak') return '<br>'
      let html = node.type === 'text' ? escapeHtml(node.text ?? '') : inline(node.content)
      for (const mark of node.marks ?? []) {
        const tag = markTags[mark.type]
        if (tag) html = `<${tag}>${html}</${tag}>`
        else if (mark.type === 'link') {
          const href = safeHref(mark.attrs?.href)
          if (href) html = `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${html}</a>`
        }
      }
      return html
    })
    .join('')

/** Only the editor schema's nodes become elements; anything else is rendered as its text. */
const block = (node: ProseMirrorNode): string => {
  const children = (node.content ?? []).map(block).join('')
  switch (node.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1))
      return `<h${level}>${inline(node.content)}</h${level}>`
    }
    case 'paragraph':
      return `<p>${inline(node.content)}</p>`
    case 'blockquote':
      return `<blockquote>${children}</blockquote>`
    case 'bulletList':
      return `<ul>${children}</ul>`
    case 'orderedList':
      return `<ol>${children}</ol>`
    case 'listItem':
      return `<li>${children}</li>`
    case 'codeBlock':
      return `<pre><code>${escapeHtml((node.content ?? []).map((child) => child.text ?? '').join(''))}</code></pre>`
    case 'horizontalRule':
      return '<hr>'
    default:
      return `<p>${inline(node.content)}</p>`
  }
}

/**
 * A standalone, print-friendly page (print it to PDF from the browser). It carries no script;
 * the server sends it with a policy that forbids scripts in any case.
 */
export const toHtmlPage = (
  title: string,
  subtitle: string,
  doc: ProseMirrorNode,
): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font: 11pt/1.55 Georgia, 'Times New Roman', serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
header { border-bottom: 1px solid #999; margin-bottom: 1.5rem; }
header p { color: #444; font-size: 9.5pt; }
h1, h2, h3 { font-family: system-ui, sans-serif; line-height: 1.25; }
blockquote { border-left: 3px solid #999; margin-left: 0; padding-left: 1rem; color: #333; }
pre { background: #f4f4f4; padding: .75rem; white-space: pre-wrap; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(subtitle)}</p></header>
<main>${(doc.content ?? []).map(block).join('\n')}</main>
</body>
</html>
`

/** The policy an exported page is served with: styles inline, nothing that runs. */
export const exportPagePolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
