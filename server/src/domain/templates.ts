import * as Y from 'yjs'
import type { DocumentTemplate } from '../../../shared/src/schema/document.js'
import { nodeToYjs, type ProseMirrorNode } from '../../../shared/src/ydoc/prosemirror-json.js'
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

const text = (value: string): ProseMirrorNode => ({ type: 'text', text: value })

const smartCityVision: ProseMirrorNode[] = smartCityDimensions.flatMap(([heading, prompt]) => [
  { type: 'heading', attrs: { level: 2 }, content: [text(heading)] },
  { type: 'paragraph', content: [text(prompt)] },
])

/**
 * The first update of a new document's text room, built on the server so that every client
 * starts from the same content, in the nodes of Tiptap's StarterKit.
 */
export const templateUpdate = (template: DocumentTemplate): Uint8Array | undefined => {
  if (template === 'blank') return undefined
  const doc = new Y.Doc()
  doc.getXmlFragment(textFragmentName).insert(0, smartCityVision.map(nodeToYjs))
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
