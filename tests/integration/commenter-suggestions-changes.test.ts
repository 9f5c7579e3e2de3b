import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import type { PlanDocument } from '../../shared/src/schema/document.js'
import type { StakeholderGroup } from '../../shared/src/schema/people.js'
import { nodeToYjs, type ProseMirrorNode } from '../../shared/src/ydoc/prosemirror-json.js'
import { SuggestionMark } from '../../shared/src/ydoc/suggestions.js'
import type { Client } from '../helpers/clients.js'
import { blocksOf, heading, paragraph, saved, text, write } from '../helpers/plan-text.js'
import { api } from '../helpers/site.js'
import { writeStore } from '../helpers/store.js'
import {
  suggestionBy as by,
  letCommentersSuggest,
  firstLine as line,
  type Member,
  openPlan,
  refusedWith4422 as refused,
  suggestingWorkshop,
} from '../helpers/suggesters.js'
import { waitFor } from '../helpers/wait.js'

/**
 * not_suggestion_author (docs/spec.md), where a real workshop strains it: a commenter suggests
 * offline while the facilitator moves her to another group, and a commenter's first words in an
 * empty plan. Runs on PostgreSQL too with TEST_ENGINE=postgres (the earlier groups are rows).
 */
describe('commenters who suggest, through a change of group and in an empty plan', () => {
  const workshop = suggestingWorkshop()
  const inserted = (attrs: ReturnType<typeof by>) => [{ type: SuggestionMark.insert, attrs }]
  const open = (plan: PlanDocument, who: Member | undefined) => openPlan(workshop, plan, who)

  const allowedPlan = async (title: string): Promise<PlanDocument> => {
    const plan = await workshop.site.document(title)
    await letCommentersSuggest(workshop, plan, true)
    return plan
  }

  const moveTo = async (who: Member, group: StakeholderGroup) =>
    await api(
      workshop.server,
      'PATCH',
      `/api/workspaces/${workshop.site.workspaceId}/participants/${who.participant.id}`,
      { token: workshop.site.token, body: { group } },
    )

  /** What the server stored: a reader who connects now gets it. */
  const stored = async (plan: PlanDocument): Promise<ProseMirrorNode[]> => {
    const reader = await open(plan, undefined)
    const blocks = blocksOf(reader)
    reader.destroy()
    return blocks
  }

  /** Citra's client, holding the plan, then cut off: what she writes now waits for the network. */
  const offline = async (plan: PlanDocument, writer: Client): Promise<Client> => {
    const client = await open(plan, workshop.citra)
    await saved(writer, client)
    client.provider.disconnect()
    await waitFor(() => !client.provider.wsconnected, 'her socket to close')
    return client
  }

  it('not_suggestion_author: her suggestion made offline as a citizen arrives after the facilitator moved her to another group; a name or group she never had is refused', async () => {
    const plan = await allowedPlan('Moved plan')
    const writer = await open(plan, workshop.ayu)
    write(writer, [paragraph(text('Buses every ten minutes.'))])
    const asCitizen = (id: string) => by(id, workshop.citra, 'Citra', 'citizen')

    const suggesting = await offline(plan, writer)
    line(suggesting).insert(12, 'five ', { [SuggestionMark.insert]: asCitizen('c1') })
    line(suggesting).format(17, 3, { [SuggestionMark.delete]: asCitizen('c2') })
    // Forgeries written offline too, each on a device of its own: groups she never had, and a
    // name that is not hers.
    const forgeries = [
      by('f1', workshop.citra, 'Citra', 'government'),
      by('f2', workshop.citra, 'Citra Dewi', 'citizen'),
      by('f3', workshop.citra, 'Citra', 'academia'),
    ]
    const forging: Client[] = []
    for (const attrs of forgeries) {
      const client = await offline(plan, writer)
      line(client).insert(0, 'Free ', { [SuggestionMark.insert]: attrs })
      forging.push(client)
    }
    await moveTo(workshop.citra, 'community')

    suggesting.provider.connect()
    await saved(suggesting, writer)
    expect(blocksOf(writer)).toEqual([
      paragraph(
        text('Buses every '),
        text('five ', inserted(asCitizen('c1'))),
        text('ten', [{ type: SuggestionMark.delete, attrs: asCitizen('c2') }]),
        text(' minutes.'),
      ),
    ])
    expect(suggesting.closes.map((close) => close.code)).not.toContain(CloseCode.updateRefused)
    // Online again, she suggests as she is now.
    line(suggesting).insert(0, 'All ', {
      [SuggestionMark.insert]: by('c3', workshop.citra, 'Citra', 'community'),
    })
    await saved(suggesting, writer)

    for (const [index, client] of forging.entries()) {
      client.provider.connect()
      await refused(client, `a suggestion naming ${JSON.stringify(forgeries[index])}`)
    }
    // Dedi never was a citizen: Citra's earlier group is hers alone.
    const dediOn = await open(plan, workshop.dedi)
    line(dediOn).insert(0, 'Safe ', {
      [SuggestionMark.insert]: by('d1', workshop.dedi, 'Dedi', 'citizen'),
    })
    await refused(dediOn, "a suggestion naming Citra's earlier group for Dedi")
    expect(await stored(plan)).toEqual(blocksOf(writer))
    expect(JSON.stringify(blocksOf(writer))).not.toMatch(/Free|Safe/)
  })

  it('not_suggestion_author: his first suggestion in an empty plan brings its paragraph; plain words, a heading, two paragraphs, a new paragraph later or text beside a list’s items are refused', async () => {
    const plan = await allowedPlan('Empty plan')
    const first = (client: Client, ...blocks: ProseMirrorNode[]) =>
      client.doc.getXmlFragment('default').insert(0, blocks.map(nodeToYjs))
    const his = (id: string) => inserted(by(id, workshop.dedi, 'Dedi', 'academia'))
    const attempts: [string, (client: Client) => void][] = [
      ['plain words', (client) => first(client, paragraph(text('Trams.')))],
      [
        'his words plus plain ones',
        (client) => first(client, paragraph(text('Trams', his('e1')), text(' now.'))),
      ],
      [
        'a heading',
        (client) =>
          first(client, { ...heading(2, 'Trams.'), content: [text('Trams.', his('e1'))] }),
      ],
      [
        'two paragraphs',
        (client) =>
          first(client, paragraph(text('Trams.', his('e1'))), paragraph(text('Buses.', his('e2')))),
      ],
      [
        "Ayu's name",
        (client) =>
          first(
            client,
            paragraph(text('Trams.', inserted(by('e1', workshop.ayu, 'Ayu', 'business')))),
          ),
      ],
    ]
    for (const [what, attempt] of attempts) {
      const client = await open(plan, workshop.dedi)
      attempt(client)
      await refused(client, `${what} in an empty plan`)
      client.destroy()
    }
    expect(await stored(plan)).toEqual([])

    const suggesting = await open(plan, workshop.dedi)
    first(suggesting, paragraph(text('Trams at night.', his('e3'))))
    const writer = await open(plan, workshop.ayu)
    await saved(suggesting, writer)
    expect(blocksOf(writer)).toEqual([paragraph(text('Trams at night.', his('e3')))])
    expect(suggesting.closes).toEqual([])

    // The plan holds a paragraph now: another one is a structure change, his or not.
    const again = await open(plan, workshop.dedi)
    again.doc.getXmlFragment('default').insert(1, [nodeToYjs(paragraph(text('Buses.', his('e4'))))])
    await refused(again, 'a second paragraph')
    expect(await stored(plan)).toEqual([paragraph(text('Trams at night.', his('e3')))])

    // An empty paragraph a writer made holds no text yet: his words may fill it.
    write(writer, [paragraph(text('Trams at night.', his('e3'))), paragraph()])
    const filling = await open(plan, workshop.dedi)
    await saved(writer, filling)
    const empty = filling.doc.getXmlFragment('default').get(1) as Y.XmlElement
    empty.insert(0, [new Y.XmlText()])
    ;(empty.get(0) as Y.XmlText).insert(0, 'Buses.', {
      [SuggestionMark.insert]: his('e5')[0]?.attrs,
    })
    await saved(filling, writer)
    expect(blocksOf(writer)).toEqual([
      paragraph(text('Trams at night.', his('e3'))),
      paragraph(text('Buses.', his('e5'))),
    ])
    expect(filling.closes).toEqual([])

    // Only a paragraph's (or heading's) own text is wording: text placed beside a list's items,
    // or inside a line break, is not, and an editor that cannot read an element deletes it.
    const list = {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [paragraph(text('Bikes.'))] }],
    }
    const shaped = [list, paragraph(text('Walk'), { type: 'hardBreak' }, text('ways.'))]
    write(writer, shaped)
    const into = (client: Client, parent: Y.XmlElement, index: number) => {
      const added = new Y.XmlText()
      client.doc.transact(() => {
        parent.insert(index, [added])
        added.insert(0, 'Lanes.', { [SuggestionMark.insert]: his('e6')[0]?.attrs })
      })
    }
    const elsewhere: [string, (client: Client) => void][] = [
      [
        "text beside a list's items",
        (client) => into(client, client.doc.getXmlFragment('default').get(0) as Y.XmlElement, 1),
      ],
      [
        'text inside a line break',
        (client) => {
          const line = client.doc.getXmlFragment('default').get(1) as Y.XmlElement
          into(client, line.get(1) as Y.XmlElement, 0)
        },
      ],
    ]
    for (const [what, attempt] of elsewhere) {
      const client = await open(plan, workshop.dedi)
      await saved(writer, client)
      attempt(client)
      await refused(client, what)
      client.destroy()
    }
    expect(await stored(plan)).toEqual(shaped)
  })

  it('not_suggestion_author: two commenters whose first words in an empty plan cross both keep them; plain words or a second paragraph so placed are still refused', async () => {
    const plan = await allowedPlan('Crossing plan')
    const first = (client: Client, ...blocks: ProseMirrorNode[]) =>
      client.doc.getXmlFragment('default').insert(0, blocks.map(nodeToYjs))
    const hers = inserted(by('c1', workshop.citra, 'Citra', 'citizen'))
    const his = (id: string) => inserted(by(id, workshop.dedi, 'Dedi', 'academia'))
    /** Dedi's device, holding the empty plan, cut off before Citra's words reach it. */
    const cutOff = async () => {
      const client = await open(plan, workshop.dedi)
      client.provider.disconnect()
      await waitFor(() => !client.provider.wsconnected, 'his socket to close')
      return client
    }
    /** A paragraph placed as in an empty plan, sent on `client`'s socket as it is now. */
    const placedAlone = (client: Client, block: ProseMirrorNode) => {
      const crafted = new Y.Doc()
      crafted.getXmlFragment('default').insert(0, [nodeToYjs(block)])
      Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(crafted), 'crafted')
    }
    const crossing = await cutOff()
    const plainly = await cutOff()
    const twice = await cutOff()

    const citra = await open(plan, workshop.citra)
    first(citra, paragraph(text('Trams at night.', hers)))
    const writer = await open(plan, workshop.ayu)
    await saved(citra, writer)

    first(crossing, paragraph(text('Buses at dawn.', his('d1'))))
    crossing.provider.connect()
    await waitFor(() => blocksOf(writer).length === 2, "Dedi's paragraph to reach Ayu")
    expect(blocksOf(writer)).toEqual(
      expect.arrayContaining([
        paragraph(text('Trams at night.', hers)),
        paragraph(text('Buses at dawn.', his('d1'))),
      ]),
    )
    await saved(crossing, writer)
    expect(crossing.closes.map((close) => close.code)).not.toContain(CloseCode.updateRefused)

    first(plainly, paragraph(text('Trams.')))
    plainly.provider.connect()
    await refused(plainly, 'plain words crossing hers')
    first(twice, paragraph(text('Bikes.', his('d2'))), paragraph(text('Walks.', his('d3'))))
    twice.provider.connect()
    await refused(twice, 'two paragraphs crossing hers')
    const empty = await cutOff()
    first(empty, paragraph())
    empty.provider.connect()
    await refused(empty, 'an empty paragraph crossing hers (nobody named on it)')
    // His socket brought first words once; more placed the same way are a structure change.
    placedAlone(crossing, paragraph(text('Cars.', his('d4'))))
    await refused(crossing, 'a second crossing paragraph on the same socket')
    expect(await stored(plan)).toEqual(blocksOf(writer))
    expect(JSON.stringify(blocksOf(writer))).not.toMatch(/Trams\.|Bikes|Walks|Cars/)
  })

  it('not_suggestion_author: a node no editor can read, printed as an empty paragraph, is refused in an empty plan and in one with words', async () => {
    const plan = await allowedPlan('Unreadable plan')
    // Nodes that are no element but print as one: the editor of everyone opening the plan fails.
    const disguised = [
      (): Y.Text | Y.XmlFragment => new Y.Text('<paragraph></paragraph>'),
      (): Y.Text | Y.XmlFragment => {
        const fragment = new Y.XmlFragment()
        fragment.insert(0, [new Y.XmlElement('paragraph')])
        return fragment
      },
    ]
    const writer = await open(plan, workshop.ayu)
    for (const words of [[], [paragraph(text('Trams.'))]]) {
      write(writer, words)
      for (const node of disguised) {
        const client = await open(plan, workshop.dedi)
        await saved(writer, client)
        const crafted = new Y.Doc()
        // A hand-made client sends what the editor's types forbid.
        crafted.getXmlFragment('default').insert(0, [node() as unknown as Y.XmlElement])
        Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(crafted), 'crafted')
        await refused(client, `${node().constructor.name} in a plan of ${words.length} paragraphs`)
        client.destroy()
      }
      expect(await stored(plan)).toEqual(words)
    }
  })

  it('not_suggestion_author: a group he left counts for 14 days; one left longer ago is refused, the one he has now is not', async () => {
    const plan = await allowedPlan('Long ago plan')
    const writer = await open(plan, workshop.ayu)
    write(writer, [paragraph(text('Trams.'))])
    await moveTo(workshop.dedi, 'business')
    const suggestAs = async (id: string, group: StakeholderGroup) => {
      const client = await open(plan, workshop.dedi)
      await saved(writer, client)
      line(client).insert(0, 'New ', {
        [SuggestionMark.insert]: by(id, workshop.dedi, 'Dedi', group),
      })
      return client
    }
    // Left today: his academia suggestion still counts.
    const recent = await suggestAs('g1', 'academia')
    await saved(recent, writer)
    expect(recent.closes).toEqual([])
    recent.destroy()
    // Left 15 days ago (the operator's clock, set in the row): it no longer does.
    await writeStore(
      workshop.server,
      'UPDATE earlier_identity SET until = ? WHERE participant_id = ?',
      new Date(Date.now() - 15 * 24 * 60 * 60 * 1000).toISOString(),
      workshop.dedi.participant.id,
    )
    await refused(await suggestAs('g2', 'academia'), 'a group he left 15 days ago')
    const now = await suggestAs('g3', 'business')
    await saved(now, writer)
    expect(now.closes).toEqual([])
    expect(JSON.stringify(await stored(plan))).not.toContain('"g2"')
  })
})
