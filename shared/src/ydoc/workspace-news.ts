import type * as Y from 'yjs'
import { z } from 'zod'

/**
 * What changed in a workspace, as the server announces it to open pages: each topic's revision
 * counts up when the API changes it, and a page refetches the lists of the topics it shows. The
 * map lives in the workspace's presence room, which clients may only read.
 */
export const NewsTopic = z.enum([
  'people',
  'documents',
  'sessions',
  'mediations',
  'agreements',
  'invites',
  'publication',
  'audit',
])
export type NewsTopic = z.infer<typeof NewsTopic>

export type NewsRevisions = Readonly<Record<NewsTopic, number>>

const rootName = 'news'

const newsMap = (doc: Y.Doc): Y.Map<number> => doc.getMap<number>(rootName)

/** Every topic's revision; 0 for a topic nothing was announced about. */
export const readNews = (doc: Y.Doc): NewsRevisions => {
  const map = newsMap(doc)
  const revisions = {} as Record<NewsTopic, number>
  for (const topic of NewsTopic.options) {
    const value = map.get(topic)
    revisions[topic] = typeof value === 'number' && Number.isSafeInteger(value) ? value : 0
  }
  return revisions
}

/** Counts each topic's revision up by one (server only). */
export const bumpNews = (doc: Y.Doc, topics: Iterable<NewsTopic>): void => {
  const map = newsMap(doc)
  const current = readNews(doc)
  for (const topic of new Set(topics)) map.set(topic, current[topic] + 1)
}

/** Calls `listener` whenever the news changes; returns the unsubscribe. */
export const observeNews = (doc: Y.Doc, listener: () => void): (() => void) => {
  const map = newsMap(doc)
  map.observe(listener)
  return () => map.unobserve(listener)
}
