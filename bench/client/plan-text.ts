import * as Y from 'yjs'

// Words of a city plan, so paragraphs compress and diff like real prose (no digits: the
// token scanner must find only tokens).
const WORDS = (
  'the city council district residents stakeholders mediator agreement plan transport ' +
  'housing water drainage budget public space park street lighting sensors data privacy ' +
  'consultation workshop proposal amendment section clause schedule maintenance contract ' +
  'ward neighbourhood market school clinic flood risk green corridor cycling lane bus ' +
  'route parking permit noise air quality monitoring report review approval objection ' +
  'shall should may must within after before during each every annual quarterly phase ' +
  'responsible authority department operator community association small business'
).split(' ')

/** A small deterministic generator, so every target gets the same plan. */
const random = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

/** Paragraphs of about `bytes` characters in all, each a few sentences long. */
export const planParagraphs = (bytes: number, seed = 20): string[] => {
  const next = random(seed)
  const pick = (): string => WORDS[Math.floor(next() * WORDS.length)] ?? 'plan'
  const paragraphs: string[] = []
  let total = 0
  while (total < bytes) {
    const sentences: string[] = []
    const count = 3 + Math.floor(next() * 4)
    for (let s = 0; s < count; s += 1) {
      const words = Array.from({ length: 8 + Math.floor(next() * 14) }, pick).join(' ')
      sentences.push(`${words.charAt(0).toUpperCase()}${words.slice(1)}.`)
    }
    const paragraph = sentences.join(' ')
    paragraphs.push(paragraph)
    total += paragraph.length
  }
  return paragraphs
}

/** Appends paragraphs to the fragment Tiptap edits, as its paragraph nodes. */
export const appendParagraphs = (doc: Y.Doc, paragraphs: readonly string[]): void => {
  const fragment = doc.getXmlFragment('default')
  const elements = paragraphs.map((text) => {
    const element = new Y.XmlElement('paragraph')
    element.insert(0, [new Y.XmlText(text)])
    return element
  })
  fragment.insert(fragment.length, elements)
}
