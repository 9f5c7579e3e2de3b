import * as Y from 'yjs'
import type { DocumentTemplate } from '../../../shared/src/schema/document.js'
import { textFragmentName } from '../../../shared/src/ydoc/rooms.js'

/** The six dimensions of a smart city, each with a prompt to start the conversation. */
const smartCityDimensions: readonly [string, string][] = [
  ['Smart economy', 'Which jobs, businesses and innovation should the city grow, and for whom?'],
  ['Smart people', 'How will residents learn, take part and gain digital skills?'],
  [
    'Smart governance',
    'How will decisions be made openly, with whom, and how will data be shared?',
  ],
  ['Smart mobility', 'How will people and goods move safely, affordably and cleanly?'],
  ['Smart environment', 'How will the city cut emissions, manage water and waste, and adapt?'],
  ['Smart living', 'What makes the city healthy, safe, affordable and good to live in?'],
]

const element = (name: string, text: string, attributes: Record<string, unknown> = {}) => {
  const node = new Y.XmlElement(name)
  for (const [key, value] of Object.entries(attributes)) {
    // y-prosemirror stores node attributes as they are; the typing only admits strings.
    node.setAttribute(key, value as string)
  }
  node.insert(0, [new Y.XmlText(text)])
  return node
}

/**
 * The first update of a new document's text room, built on the server so that every client
 * starts from the same content. The nodes are Tiptap's (StarterKit) as y-prosemirror stores them.
 */
export const templateUpdate = (template: DocumentTemplate): Uint8Array | undefined => {
  if (template === 'blank') return undefined
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment(textFragmentName)
  fragment.insert(
    0,
    smartCityDimensions.flatMap(([heading, prompt]) => [
      element('heading', heading, { level: 2 }),
      element('paragraph', prompt),
    ]),
  )
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
