import { isDeepStrictEqual as sameValue } from 'node:util'
import * as Y from 'yjs'
import type { NameAndGroup, StakeholderGroup } from '../../../../shared/src/schema/people.js'
import { textFragmentName } from '../../../../shared/src/ydoc/rooms.js'
import {
  SuggestionAttrs,
  SuggestionMark,
  suggestableFormats,
} from '../../../../shared/src/ydoc/suggestions.js'
import { inCopy, reachedNodes, touchedNodes } from './plan-reach.js'
import { dropShadow, shadowOf } from './suggestion-shadow.js'
import { changesOf, type Parent } from './update-changes.js'

/** The commenter suggesting, as the token says, and the names and groups they had before. */
export interface Suggester {
  id: string
  displayName: string
  group: StakeholderGroup
  earlier?: readonly NameAndGroup[]
}

export type SuggestionVerdict =
  | {
      allowed: true
      /** It brought first words that crossed someone else's (see `firstWordsCrossed`). */
      crossed?: true
    }
  | { allowed: false; reason: string }

type Attributes = Record<string, unknown>
/** A stretch of a text's characters carrying the same formatting. */
interface Run {
  text: string
  attributes: Attributes
}
/** What a paragraph (or the plan) holds: its texts run together, and its nested elements. */
type Segment = { runs: Run[] } | { node: Y.XmlElement | Y.XmlHook }

/** An embed counts as one character, its content as a formatting nobody may add or change. */
const embedKey = '\u0000embed'

const runsOf = (text: Y.XmlText): Run[] =>
  (text.toDelta() as { insert: unknown; attributes?: Attributes }[]).map(
    ({ insert, attributes = {} }) =>
      typeof insert === 'string'
        ? { text: insert, attributes }
        : { text: '\uFFFC', attributes: { ...attributes, [embedKey]: insert } },
  )

const segmentsOf = (parent: Y.XmlFragment | Y.XmlElement | undefined): Segment[] => {
  const segments: Segment[] = []
  let runs: Run[] | undefined
  for (const child of parent?.toArray() ?? []) {
    if (child instanceof Y.XmlText) {
      if (!runs) {
        runs = []
        segments.push({ runs })
      }
      runs.push(...runsOf(child))
    } else {
      runs = undefined
      segments.push({ node: child })
    }
  }
  // How text is split into Yjs texts is the editor's business; an empty one is no content.
  return segments.filter((segment) => !('runs' in segment) || segment.runs.length > 0)
}

const claimsAuthor = (value: unknown, suggester: Suggester): boolean =>
  typeof value === 'object' &&
  value !== null &&
  'authorId' in value &&
  value.authorId === suggester.id

/**
 * The suggester's own mark, naming them as the token says: their name and group of today, or
 * one they had before (a suggestion made offline arrives after a change of group). A name or
 * group they never had is not theirs to write.
 */
const namesSuggester = (value: unknown, suggester: Suggester): boolean => {
  const attrs = SuggestionAttrs.strict().safeParse(value)
  if (!attrs.success || attrs.data.id.length === 0 || attrs.data.authorId !== suggester.id)
    return false
  const { authorName, group } = attrs.data
  return [suggester, ...(suggester.earlier ?? [])].some(
    (had) => had.displayName === authorName && had.group === group,
  )
}

/** Besides its mark, a suggested insertion carries only plain formatting (and no embed). */
const plainFormat = ([key, value]: [string, unknown]): boolean =>
  key === SuggestionMark.insert || (suggestableFormats.includes(key) && sameValue(value, {}))

const withoutDeletion = (attributes: Attributes): Attributes => {
  const { [SuggestionMark.delete]: _deletion, ...rest } = attributes
  return rest
}

/**
 * The texts of one paragraph before and after, with the suggester's own suggested insertions
 * taken out of both (theirs to write, change and withdraw): what is left must be the same
 * characters with the same formatting, except that the suggester may mark text for deletion
 * and take back their own such marks. Anyone else's marks stay exactly as they were.
 */
class TextJudge {
  constructor(private readonly suggester: Suggester) {}

  /**
   * The runs that are not the suggester's own insertions. Given the runs `before`, the update's
   * result is being read: its own insertions must name the suggester rightly (or be left as they
   * were: a name changed since), else undefined.
   */
  #others(runs: readonly Run[], before?: readonly Run[]): Run[] | undefined {
    const known = new Set(
      before?.map((run) => JSON.stringify(run.attributes[SuggestionMark.insert] ?? null)),
    )
    const rest: Run[] = []
    for (const run of runs) {
      const inserted = run.attributes[SuggestionMark.insert]
      if (!claimsAuthor(inserted, this.suggester)) {
        rest.push(run)
        continue
      }
      if (before) {
        const named =
          namesSuggester(inserted, this.suggester) || known.has(JSON.stringify(inserted))
        if (!named || !Object.entries(run.attributes).every(plainFormat)) return undefined
      }
    }
    return rest
  }

  #sameApartFromDeletion(before: Attributes, after: Attributes): boolean {
    if (!sameValue(withoutDeletion(before), withoutDeletion(after))) return false
    const was = before[SuggestionMark.delete]
    const is = after[SuggestionMark.delete]
    if (sameValue(was, is)) return true
    // Someone else's suggested deletion is theirs (or a writer's) to settle.
    if (was !== undefined && !claimsAuthor(was, this.suggester)) return false
    if (is === undefined) return true
    return namesSuggester(is, this.suggester) && after[SuggestionMark.insert] === undefined
  }

  judge(before: readonly Run[], after: readonly Run[]): boolean {
    if (sameValue(before, after)) return true
    const was = this.#others(before)
    const is = this.#others(after, before)
    if (!was || !is) return false
    let [i, j, atBefore, atAfter] = [0, 0, 0, 0]
    while (i < was.length && j < is.length) {
      const b = was[i] as Run
      const a = is[j] as Run
      const length = Math.min(b.text.length - atBefore, a.text.length - atAfter)
      if (b.text.slice(atBefore, atBefore + length) !== a.text.slice(atAfter, atAfter + length))
        return false
      if (!this.#sameApartFromDeletion(b.attributes, a.attributes)) return false
      atBefore += length
      atAfter += length
      if (atBefore === b.text.length) [i, atBefore] = [i + 1, 0]
      if (atAfter === a.text.length) [j, atAfter] = [j + 1, 0]
    }
    return i === was.length && j === is.length
  }
}

/** The plan's elements that hold text themselves (in the editor's schema). */
const textblocks: readonly string[] = ['paragraph', 'heading']

/** The same node: an element's name, attributes and content, or an embed's value. */
const sameNode = (
  was: Y.XmlElement | Y.XmlHook,
  is: Y.XmlElement | Y.XmlHook,
  texts: TextJudge,
): boolean => {
  // Only the same kind of node: other Yjs types can print as an element does (a Y.Text
  // '<paragraph></paragraph>'), and an editor cannot read them.
  if (!(was instanceof Y.XmlElement && is instanceof Y.XmlElement))
    return was.constructor === is.constructor && sameValue(was.toJSON(), is.toJSON())
  if (was.nodeName !== is.nodeName || !sameValue(was.getAttributes(), is.getAttributes()))
    return false
  const before = segmentsOf(was)
  const after = segmentsOf(is)
  // An empty paragraph holds no Yjs text, and typing into it adds one: judged as an empty text.
  // Only there: text added beside elements (in a list, say) is no wording, and an editor that
  // cannot read an element deletes it.
  const [only] = after
  if (before.length === 0 && after.length === 1 && only && 'runs' in only)
    return textblocks.includes(was.nodeName) && texts.judge([], only.runs)
  return sameStructure(before, after, texts)
}

/** The same nodes (elements, their names and attributes) in the same order, texts judged by `texts`. */
const sameStructure = (before: Segment[], after: Segment[], texts: TextJudge): boolean =>
  before.length === after.length &&
  before.every((was, index) => {
    const is = after[index] as Segment
    if ('runs' in was || 'runs' in is) {
      return 'runs' in was && 'runs' in is && texts.judge(was.runs, is.runs)
    }
    return sameNode(was.node, is.node, texts)
  })

/** Whether `type` sits in the plan's text (and not in another root of the room). */
const inPlan = (type: Y.AbstractType<unknown>, plan: Y.AbstractType<unknown> | undefined) => {
  let current = type
  while (current._item) current = current._item.parent as Y.AbstractType<unknown>
  return current === plan
}

const placedInPlan = (parent: Parent, plan: Y.AbstractType<unknown> | undefined): boolean => {
  if ('root' in parent) return parent.root === textFragmentName
  // A type the update creates is placed by its own insertion, judged on its own.
  if ('created' in parent) return true
  return inPlan(parent.existing, plan)
}

/**
 * The plan's nodes before and after an update that changes its list of nodes. A node the update
 * does not reach into is the same item on both sides, with the same content, and is taken as it
 * is: comparing each of a long plan's 5,000 paragraphs took ~17 ms an update. The rest are
 * compared, text by text.
 */
const samePlan = (
  before: Segment[],
  after: Segment[],
  reached: ReadonlySet<Y.Item> | undefined,
  texts: TextJudge,
): boolean =>
  before.length === after.length &&
  before.every((was, index) => {
    const is = after[index] as Segment
    const wasItem = 'node' in was ? was.node._item : null
    const isItem = 'node' in is ? is.node._item : null
    const kept =
      reached !== undefined &&
      wasItem !== null &&
      isItem !== null &&
      !reached.has(wasItem) &&
      Y.compareIDs(wasItem.id, isItem.id)
    return kept || sameStructure([was], [is], texts)
  })

/**
 * The plan's nodes before an update that changes its list of nodes. An empty plan counts as one
 * empty paragraph: an editor shows one there (its schema needs a block) and writes it with the
 * first words typed, so a first suggestion may bring that paragraph, and nothing else.
 */
const planBefore = (doc: Y.Doc, plan: Y.AbstractType<unknown> | undefined): Segment[] => {
  const segments = plan ? segmentsOf(doc.getXmlFragment(textFragmentName)) : []
  return segments.length > 0 ? segments : [{ node: emptyParagraph() }]
}

const emptyParagraph = (): Y.XmlElement => {
  const paragraph = new Y.XmlElement('paragraph')
  new Y.Doc().getXmlFragment(textFragmentName).insert(0, [paragraph])
  return paragraph
}

/**
 * First words that crossed someone else's: the update brings one node placed with nothing on
 * either side (its author saw an empty plan) into a plan that holds some now. From its author's
 * view the plan was empty, so that node is judged as the empty plan's paragraph would be, and
 * the rest of the plan must be as it was. Two commenters who start at the same moment both keep
 * their words; a node placed beside anything is still a structure change, and so is one that
 * holds none of the commenter's words (nobody would be named on it).
 */
const firstWordsCrossed = (
  doc: Y.Doc,
  plan: Y.AbstractType<unknown> | undefined,
  after: readonly Segment[],
  judge: TextJudge,
): boolean => {
  const before = plan ? segmentsOf(doc.getXmlFragment(textFragmentName)) : []
  if (before.length === 0) return false
  const placedAlone = after.filter((segment) => {
    const item = 'node' in segment ? segment.node._item : null
    return (
      item !== null &&
      item.origin === null &&
      item.rightOrigin === null &&
      item.id.clock >= Y.getState(doc.store, item.id.client)
    )
  })
  const [alone] = placedAlone
  if (placedAlone.length !== 1 || !alone || !('node' in alone)) return false
  return (
    sameNode(emptyParagraph(), alone.node, judge) &&
    alone.node instanceof Y.XmlElement &&
    segmentsOf(alone.node).some((segment) => 'runs' in segment) &&
    sameStructure(
      before,
      after.filter((segment) => segment !== alone),
      judge,
    )
  )
}

/**
 * The rule of a plan for a commenter who may suggest (see docs/security.md): the update may only
 * add suggestions in the commenter's own name (inserted text marked `suggestionInsert`, text to
 * delete marked `suggestionDelete`, both naming them as the token does) and change or withdraw
 * their own. No text goes for real, no other formatting, structure or attribute changes, nothing
 * outside the plan's text is touched. Judged by applying the update to a copy of the room (kept
 * in step with it) and comparing the plan before and after: writers are never judged this way.
 */
export const judgeSuggestions = (
  update: Uint8Array,
  doc: Y.Doc,
  suggester: Suggester,
  /** Whether first words crossing someone else's may still come (once per socket). */
  mayCross = true,
): SuggestionVerdict => {
  const changes = changesOf(update, doc)
  if (!changes) return { allowed: false, reason: 'the update holds changes that cannot be placed' }
  const plan = doc.share.get(textFragmentName) as Y.AbstractType<unknown> | undefined
  const outside =
    // A key is a map entry or an attribute (formatting is not keyed): a commenter writes none.
    changes.insertions.some(
      (insertion) => insertion.key !== null || !placedInPlan(insertion.parent, plan),
    ) ||
    changes.removals.some(
      (removal) => !inPlan(removal.item.parent as Y.AbstractType<unknown>, plan),
    )
  if (outside) {
    return { allowed: false, reason: 'a commenter may change only the wording of the plan' }
  }
  if (changes.insertions.length === 0 && changes.removals.length === 0) return { allowed: true }
  const shadow = shadowOf(doc)
  // Until the room applies it too (its update event), the copy is ahead of the room.
  shadow.unconfirmed = true
  Y.applyUpdate(shadow.copy, update)
  const judge = new TextJudge(suggester)
  const touched = touchedNodes(changes, plan)
  const after = touched ? [] : segmentsOf(shadow.copy.getXmlFragment(textFragmentName))
  const holds = touched
    ? [...touched].every((item) => {
        const was = (item.content as Y.ContentType).type as Y.XmlElement
        const is = inCopy(shadow.copy, item)
        return is !== undefined && sameStructure([{ node: was }], [{ node: is }], judge)
      })
    : samePlan(planBefore(doc, plan), after, reachedNodes(changes, plan), judge)
  const crossed = !holds && mayCross && !touched && firstWordsCrossed(doc, plan, after, judge)
  if (!holds && !crossed) {
    dropShadow(doc)
    return {
      allowed: false,
      reason: 'a commenter may only suggest in their own name and withdraw their own suggestions',
    }
  }
  return crossed ? { allowed: true, crossed } : { allowed: true }
}
