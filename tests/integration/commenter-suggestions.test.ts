import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import type { PlanDocument } from '../../shared/src/schema/document.js'
import type { ProseMirrorNode } from '../../shared/src/ydoc/prosemirror-json.js'
import { SuggestionMark } from '../../shared/src/ydoc/suggestions.js'
import { call, expectBadRequest, expectError } from '../helpers/api-cases.js'
import { type Client, waitForSynced } from '../helpers/clients.js'
import { blocksOf, paragraph, saved, text, write } from '../helpers/plan-text.js'
import { api } from '../helpers/site.js'
import { readMetric } from '../helpers/store.js'
import {
  firstLine,
  letCommentersSuggest,
  type Member,
  openPlan,
  refusedWith4422,
  suggestingWorkshop,
  suggestionBy,
} from '../helpers/suggesters.js'
import { waitFor } from '../helpers/wait.js'

/**
 * not_suggestion_author (docs/spec.md): with the facilitator's leave, a commenter's plan updates
 * are judged, and only suggestions in their own name get through.
 */
describe('commenters who suggest', () => {
  const workshop = suggestingWorkshop()
  const citras = (id: string) => suggestionBy(id, workshop.citra, 'Citra', 'citizen')
  const ayus = (id: string) => suggestionBy(id, workshop.ayu, 'Ayu', 'business')
  const allow = (plan: PlanDocument, on: boolean) => letCommentersSuggest(workshop, plan, on)
  const open = (plan: PlanDocument, who: Member | undefined) => openPlan(workshop, plan, who)
  const line = firstLine

  /** A plan where the writer Ayu wrote one line, opened by her, with commenters allowed. */
  const planWith = async (title: string, ...content: ProseMirrorNode[]) => {
    const plan = await workshop.site.document(title)
    await allow(plan, true)
    const writer = await open(plan, workshop.ayu)
    write(writer, [paragraph(...content)])
    return { plan, writer }
  }

  /** Citra's client, holding what the writer holds. */
  const citraOn = async (plan: PlanDocument, writer: Client): Promise<Client> => {
    const client = await open(plan, workshop.citra)
    await saved(writer, client)
    return client
  }

  const refused = refusedWith4422

  /**
   * The stored plan after a refusal: a writer's edit sent afterwards arrives, and nothing of
   * the refused update came before it.
   */
  const expectUntouched = async (
    plan: PlanDocument,
    writer: Client,
    content: ProseMirrorNode[],
  ) => {
    const reader = await open(plan, undefined)
    line(writer).insert(0, '» ')
    await saved(writer, reader)
    const [first] = blocksOf(reader)
    expect(first?.content).toEqual([text('» '), ...content].reduce(joinPlain, []))
  }
  const joinPlain = (joined: ProseMirrorNode[], next: ProseMirrorNode) => {
    const last = joined.at(-1)
    if (last && !last.marks && !next.marks) {
      return [...joined.slice(0, -1), text(`${last.text ?? ''}${next.text ?? ''}`)]
    }
    return [...joined, next]
  }

  it('read_only_room: with the toggle off a commenter still only reads; only the facilitator turns it on', async () => {
    const plan = await workshop.site.document('Closed plan')
    expect(plan.commentersMaySuggest).toBe(false)
    const writer = await open(plan, workshop.ayu)
    write(writer, [paragraph(text('Buses every ten minutes.'))])
    const commenting = await citraOn(plan, writer)
    const metric = 'mufakat_readonly_updates_dropped_total'
    const dropped = await readMetric(workshop.server.httpUrl, metric)
    line(commenting).insert(12, 'five ', { [SuggestionMark.insert]: citras('s1') })
    await waitFor(
      async () => (await readMetric(workshop.server.httpUrl, metric)) > dropped,
      "the commenter's suggestion to be dropped",
    )
    await expectUntouched(plan, writer, [text('Buses every ten minutes.')])

    const path = `/api/workspaces/${workshop.site.workspaceId}/documents/${plan.id}`
    expectError(
      await call(workshop.server, 'PATCH', path, {
        token: workshop.ayu.token,
        body: { commentersMaySuggest: true },
      }),
      403,
      'forbidden',
    )
    expectBadRequest(
      await call(workshop.server, 'PATCH', path, {
        token: workshop.site.token,
        body: { commentersMaySuggest: 'yes' },
      }),
      'commentersMaySuggest',
    )
    expect((await allow(plan, true)).document.commentersMaySuggest).toBe(true)
    const listed = await api<{ documents: PlanDocument[] }>(
      workshop.server,
      'GET',
      `/api/workspaces/${workshop.site.workspaceId}/documents`,
      { token: workshop.citra.token },
    )
    expect(listed.documents.find((each) => each.id === plan.id)?.commentersMaySuggest).toBe(true)
    const audit = await workshop.site.audit()
    expect(
      audit.find(
        (entry) => entry.action === 'document.suggesting_changed' && entry.target === plan.id,
      ),
    ).toMatchObject({
      actorId: workshop.site.created.participant.id,
      details: { commentersMaySuggest: true },
    })
  })

  it('not_suggestion_author: a suggestion in her own name reaches the writer; plain text is refused', async () => {
    const { plan, writer } = await planWith('Suggested plan', text('Buses every ten minutes.'))
    const suggesting = await citraOn(plan, writer)
    line(suggesting).insert(12, 'five ', { [SuggestionMark.insert]: citras('s1') })
    line(suggesting).format(17, 3, { [SuggestionMark.delete]: citras('s2') })
    await saved(suggesting, writer)
    expect(blocksOf(writer)).toEqual([
      paragraph(
        text('Buses every '),
        text('five ', [{ type: SuggestionMark.insert, attrs: citras('s1') }]),
        text('ten', [{ type: SuggestionMark.delete, attrs: citras('s2') }]),
        text(' minutes.'),
      ),
    ])
    const shown = blocksOf(writer)[0]?.content ?? []
    line(suggesting).insert(0, 'Trams and ')
    await refused(suggesting, 'a plain insertion')
    await expectUntouched(plan, writer, shown)
  })

  it('a suggestion stays out of the plan its Markdown and plain-text copies show until a writer accepts it', async () => {
    const { plan, writer } = await planWith('Exported plan', text('Buses every ten minutes.'))
    const suggesting = await citraOn(plan, writer)
    line(suggesting).insert(12, 'free ', { [SuggestionMark.insert]: citras('s1') })
    line(suggesting).format(17, 3, { [SuggestionMark.delete]: citras('s2') })
    await saved(suggesting, writer)
    const exported = async (query: string) => {
      const answer = await fetch(
        `${workshop.server.httpUrl}/api/documents/${plan.id}/export?${query}`,
        {
          headers: { authorization: `Bearer ${workshop.site.token}` },
        },
      )
      expect(answer.status).toBe(200)
      return await answer.text()
    }
    // As the plan stands: her words are not in it yet, and the words she would strike still are.
    expect(await exported('format=md')).toBe('Buses every ten minutes.\n')
    // The printable copy shows both, marked as suggestions.
    expect(await exported('format=html')).toMatch(/<ins[^>]*>free <\/ins>/)
    const { version } = await api<{ version: { id: string } }>(
      workshop.server,
      'POST',
      `/api/documents/${plan.id}/versions`,
      { token: workshop.ayu.token, body: { name: 'With a suggestion' } },
    )
    const path = `/api/documents/${plan.id}/versions/${version.id}`
    const plain = await fetch(`${workshop.server.httpUrl}${path}?format=text`, {
      headers: { authorization: `Bearer ${workshop.ayu.token}` },
    })
    expect(await plain.text()).toBe('Buses every ten minutes.\n')
    // Accepted, her words are the plan's.
    const accepted = line(writer)
    writer.doc.transact(() => {
      accepted.delete(17, 3)
      accepted.format(12, 5, { [SuggestionMark.insert]: null })
    })
    const reader = await open(plan, undefined)
    await saved(writer, reader)
    expect(await exported('format=md')).toBe('Buses every free  minutes.\n')
  })

  it("not_suggestion_author: refuses a suggestion in another's name, or with a name or group not hers", async () => {
    const { plan, writer } = await planWith('Claimed plan', text('Parks for all.'))
    const forgeries = [
      ayus('s1'),
      { ...citras('s1'), authorName: 'Ayu' },
      { ...citras('s1'), group: 'government' },
      { ...citras('s1'), extra: 'field' },
    ]
    for (const attrs of forgeries) {
      const suggesting = await citraOn(plan, writer)
      line(suggesting).insert(5, 'and squares ', { [SuggestionMark.insert]: attrs })
      await refused(suggesting, `a suggestion naming ${JSON.stringify(attrs)}`)
      suggesting.destroy()
    }
    await expectUntouched(plan, writer, [text('Parks for all.')])
    const honest = await citraOn(plan, writer)
    // Typing inside bold text is bold: plain formatting on her own suggestion is fine.
    line(honest).insert(5, 'and squares ', { [SuggestionMark.insert]: citras('s1'), bold: {} })
    await saved(honest, writer)
    expect(honest.closes).toEqual([])
  })

  it('not_suggestion_author: refuses a real deletion, formatting, structure, attributes, unknown marks and other maps', async () => {
    const { plan, writer } = await planWith('Kept plan', text('Water for every district.'))
    const attempts: [string, (client: Client) => void][] = [
      ['a real deletion', (client) => line(client).delete(0, 6)],
      ['bold', (client) => line(client).format(0, 5, { bold: {} })],
      [
        'a new paragraph',
        (client) => {
          const added = new Y.XmlElement('paragraph')
          client.doc.getXmlFragment('default').insert(1, [added])
        },
      ],
      [
        'a paragraph turned heading',
        (client) =>
          (client.doc.getXmlFragment('default').get(0) as Y.XmlElement).setAttribute('level', '2'),
      ],
      ['a map outside the plan', (client) => client.doc.getMap('clauses').set('c1', 'mine')],
      ['an attribute on the text', (client) => line(client).setAttribute('lang', 'id')],
      [
        'a suggestion carrying a mark the editor does not know',
        (client) =>
          line(client).insert(0, 'Clean ', {
            [SuggestionMark.insert]: citras('s1'),
            unknownMark: {},
          }),
      ],
      [
        'a suggestion carrying a link',
        (client) =>
          line(client).insert(0, 'Clean ', {
            [SuggestionMark.insert]: citras('s1'),
            link: { href: 'https://example.org' },
          }),
      ],
    ]
    for (const [what, attempt] of attempts) {
      const suggesting = await citraOn(plan, writer)
      attempt(suggesting)
      await refused(suggesting, what)
      suggesting.destroy()
    }
    await expectUntouched(plan, writer, [text('Water for every district.')])
  })

  it('not_suggestion_author: she withdraws her own suggestions but settles or removes nobody else’s', async () => {
    const { plan, writer } = await planWith(
      'Settled plan',
      text('Schools '),
      text('near homes', [{ type: SuggestionMark.insert, attrs: ayus('a1') }]),
      text(' first.'),
    )
    const suggesting = await citraOn(plan, writer)
    line(suggesting).insert(0, 'Good ', { [SuggestionMark.insert]: citras('c1') })
    line(suggesting).format(24, 6, { [SuggestionMark.delete]: citras('c2') })
    await saved(suggesting, writer)
    const bothWays = blocksOf(writer)[0]?.content ?? []
    // Another commenter's suggestion: not Citra's to touch either.
    const attempts: [string, (client: Client) => void][] = [
      ["deleting Ayu's suggested text", (client) => line(client).delete(13, 4)],
      [
        "accepting Ayu's suggestion",
        (client) => line(client).format(13, 10, { [SuggestionMark.insert]: null }),
      ],
      [
        "marking Ayu's suggestion for deletion",
        (client) => line(client).format(13, 10, { [SuggestionMark.delete]: citras('c3') }),
      ],
      [
        'accepting her own suggestion',
        (client) => line(client).format(0, 5, { [SuggestionMark.insert]: null }),
      ],
    ]
    for (const [what, attempt] of attempts) {
      const client = await citraOn(plan, writer)
      attempt(client)
      await refused(client, what)
      client.destroy()
    }
    const dediOn = await open(plan, workshop.dedi)
    await saved(writer, dediOn)
    line(dediOn).delete(0, 5)
    await refused(dediOn, "Dedi deleting Citra's suggestion")
    await expectUntouched(plan, writer, bothWays)

    // Her own: both withdrawn.
    const withdrawing = await citraOn(plan, writer)
    line(withdrawing).format(26, 6, { [SuggestionMark.delete]: null })
    line(withdrawing).delete(2, 5)
    await saved(withdrawing, writer)
    expect(blocksOf(writer)).toEqual([
      paragraph(
        text('» Schools '),
        text('near homes', [{ type: SuggestionMark.insert, attrs: ayus('a1') }]),
        text(' first.'),
      ),
    ])
    expect(withdrawing.closes).toEqual([])
  })

  it('read_only_room: turning the toggle off reaches her open socket: it reconnects read-only', async () => {
    const { plan, writer } = await planWith('Revoked plan', text('Clean air.'))
    const suggesting = await citraOn(plan, writer)
    line(suggesting).insert(10, ' now', { [SuggestionMark.insert]: citras('c1') })
    await saved(suggesting, writer)
    await allow(plan, false)
    await waitFor(
      () => suggesting.closes.some((close) => close.code === CloseCode.permissionsChanged),
      'the open socket to be told permissions changed',
    )
    await waitForSynced(suggesting)
    const metric = 'mufakat_readonly_updates_dropped_total'
    const dropped = await readMetric(workshop.server.httpUrl, metric)
    line(suggesting).insert(0, 'Very ', { [SuggestionMark.insert]: citras('c2') })
    await waitFor(
      async () => (await readMetric(workshop.server.httpUrl, metric)) > dropped,
      'the suggestion after the toggle to be dropped',
    )
    await expectUntouched(plan, writer, [
      text('Clean air.'),
      text(' now', [{ type: SuggestionMark.insert, attrs: citras('c1') }]),
    ])
  })
})
