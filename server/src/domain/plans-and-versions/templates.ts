import * as Y from 'yjs'
import { artefactWords } from '../../../../shared/src/artefacts/words.js'
import type { DocumentTemplate } from '../../../../shared/src/schema/document.js'
import type { Language } from '../../../../shared/src/schema/language.js'
import { nodeToYjs, type ProseMirrorNode } from '../../../../shared/src/ydoc/prosemirror-json.js'
import { textFragmentName } from '../../../../shared/src/ydoc/rooms.js'

const text = (value: string): ProseMirrorNode => ({ type: 'text', text: value })

/** The six dimensions of a smart city, each with a prompt to start the conversation. */
const smartCityVision = (language: Language): ProseMirrorNode[] =>
  artefactWords(language).template.smartCity.flatMap(([heading, prompt]) => [
    { type: 'heading', attrs: { level: 2 }, content: [text(heading)] },
    { type: 'paragraph', content: [text(prompt)] },
  ])

/**
 * The first update of a new document's text room, in the workspace's language, built on the
 * server so that every client starts from the same content, in the nodes of Tiptap's StarterKit.
 */
export const templateUpdate = (
  template: DocumentTemplate,
  language: Language,
): Uint8Array | undefined => {
  if (template === 'blank') return undefined
  const doc = new Y.Doc()
  doc.getXmlFragment(textFragmentName).insert(0, smartCityVision(language).map(nodeToYjs))
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
