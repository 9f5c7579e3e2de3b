import * as Y from 'yjs'

/** A ProseMirror node as JSON (the shape Tiptap's `editor.getJSON()` gives). */
export interface ProseMirrorNode {
  type: string
  attrs?: Record<string, unknown>
  content?: ProseMirrorNode[]
  text?: string
  marks?: { type: string; attrs?: Record<string, unknown> }[]
}

const marksOf = (attributes: Record<string, unknown> | undefined) => {
  const entries = Object.entries(attributes ?? {})
  if (entries.length === 0) return undefined
  return entries.map(([type, attrs]) =>
    attrs && typeof attrs === 'object' && Object.keys(attrs).length > 0
      ? { type, attrs: attrs as Record<string, unknown> }
      : { type },
  )
}

const textNodes = (text: Y.XmlText): ProseMirrorNode[] =>
  (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).flatMap((op) => {
    if (typeof op.insert !== 'string' || op.insert.length === 0) return []
    const marks = marksOf(op.attributes)
    return [{ type: 'text', text: op.insert, ...(marks ? { marks } : {}) }]
  })

const childrenOf = (parent: Y.XmlFragment | Y.XmlElement): ProseMirrorNode[] =>
  parent.toArray().flatMap((child) => {
    if (child instanceof Y.XmlElement) return [elementToNode(child)]
    if (child instanceof Y.XmlText) return textNodes(child)
    return []
  })

export const elementToNode = (element: Y.XmlElement): ProseMirrorNode => {
  const attrs = element.getAttributes() as Record<string, unknown>
  const content = childrenOf(element)
  return {
    type: element.nodeName,
    ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
    ...(content.length > 0 ? { content } : {}),
  }
}

/**
 * The ProseMirror document a Y.XmlFragment holds, read the way Tiptap's collaboration binding
 * writes it: elements are nodes with their attributes, text carries marks as formatting.
 */
export const fragmentToProseMirror = (fragment: Y.XmlFragment): ProseMirrorNode => ({
  type: 'doc',
  content: childrenOf(fragment),
})

/** The text of a node and its descendants, without markup. */
export const nodeText = (node: ProseMirrorNode): string =>
  node.text ?? (node.content ?? []).map(nodeText).join(node.type === 'doc' ? '\n' : '')

/** The formatting attributes a text node's marks become in a Y.XmlText. */
export const marksToAttributes = (node: ProseMirrorNode): Record<string, unknown> =>
  Object.fromEntries((node.marks ?? []).map((mark) => [mark.type, mark.attrs ?? {}]))

type TextDelta = { insert: string; attributes: Record<string, unknown> }[]

/** A ProseMirror node as the Yjs types the collaboration binding would create for it. */
export const nodeToYjs = (node: ProseMirrorNode): Y.XmlElement | Y.XmlText => {
  if (node.type === 'text') return textFromDelta([textDelta(node)])
  const element = new Y.XmlElement(node.type)
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    // y-prosemirror keeps attribute values as they are; the typing admits only strings.
    element.setAttribute(key, value as string)
  }
  // Adjacent text nodes share one Y.XmlText, as the binding stores them.
  const children: (Y.XmlElement | Y.XmlText)[] = []
  let run: TextDelta = []
  const endRun = () => {
    if (run.length > 0) children.push(textFromDelta(run))
    run = []
  }
  for (const child of node.content ?? []) {
    if (child.type === 'text') run.push(textDelta(child))
    else {
      endRun()
      children.push(nodeToYjs(child))
    }
  }
  endRun()
  element.insert(0, children)
  return element
}

const textDelta = (node: ProseMirrorNode) => ({
  insert: node.text ?? '',
  attributes: marksToAttributes(node),
})

/** One delta for the whole run: a Y.XmlText not yet in a document has no length to retain. */
const textFromDelta = (delta: TextDelta): Y.XmlText => {
  const text = new Y.XmlText()
  text.applyDelta(delta)
  return text
}
