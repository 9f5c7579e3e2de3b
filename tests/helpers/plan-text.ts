import {
  fragmentToProseMirror,
  nodeToYjs,
  type ProseMirrorNode,
} from '../../shared/src/ydoc/prosemirror-json.js'
import type { Client } from './clients.js'
import { waitFor } from './wait.js'

export const text = (value: string, marks?: ProseMirrorNode['marks']): ProseMirrorNode => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
})
export const paragraph = (...content: ProseMirrorNode[]): ProseMirrorNode => ({
  type: 'paragraph',
  content,
})
export const heading = (level: number, value: string): ProseMirrorNode => ({
  type: 'heading',
  attrs: { level },
  content: [text(value)],
})

/** Replaces a client's whole text with these blocks, as an editor would. */
export const write = (client: Client, blocks: ProseMirrorNode[]): void => {
  const fragment = client.doc.getXmlFragment('default')
  client.doc.transact(() => {
    fragment.delete(0, fragment.length)
    fragment.insert(0, blocks.map(nodeToYjs))
  })
}

export const blocksOf = (client: Client): ProseMirrorNode[] =>
  fragmentToProseMirror(client.doc.getXmlFragment('default')).content ?? []

/** Waits until another client holds the same text: by then the server has committed it. */
export const saved = async (client: Client, other: Client): Promise<void> =>
  waitFor(
    () => JSON.stringify(blocksOf(client)) === JSON.stringify(blocksOf(other)),
    'the edit to reach the other client (so it is committed)',
  )
