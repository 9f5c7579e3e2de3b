import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { ClauseStatus, PassageAnchor } from '../../shared/src/schema/clause.js'
import type { PlanDocument } from '../../shared/src/schema/document.js'
import { canonicalJson, hashedContents } from '../../shared/src/schema/record-chain.js'
import type { ChainVerification, DecisionRecord } from '../../shared/src/schema/session.js'
import type { Version } from '../../shared/src/schema/version.js'
import { readPassage } from '../../shared/src/ydoc/clause-passage.js'
import { type Client, connectClient, waitForSynced } from '../helpers/clients.js'
import { paragraph, saved, text, write } from '../helpers/plan-text.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api } from '../helpers/site.js'
import { siteForSuite } from '../helpers/suite.js'

// Written from the docs, not with the server's code: SHA-256 (hex) of the passage's UTF-8 text.
const outsiderHash = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex')
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

/** The Y.XmlText of the plan's `index`th paragraph, as an editor's selection would name it. */
const paragraphText = (client: Client, index: number): Y.XmlText => {
  const block = client.doc.getXmlFragment('default').get(index)
  const run = block instanceof Y.XmlElement ? block.get(0) : undefined
  if (!(run instanceof Y.XmlText)) throw new Error(`no text in paragraph ${index}`)
  return run
}

/** An anchor from `from` to `to` in one paragraph, encoded as the editor sends it. */
const anchorIn = (run: Y.XmlText, from: number, to: number): PassageAnchor => ({
  start: base64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(run, from))),
  end: base64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(run, to))),
})

const decodedAnchor = (anchor: PassageAnchor) =>
  [Buffer.from(anchor.start, 'base64'), Buffer.from(anchor.end, 'base64')] as const

describe('consent on a clause: a proposal anchored to a passage of a plan', () => {
  const suite = siteForSuite()
  let ayu: { token: string; participant: { id: string } }
  let budi: { token: string; participant: { id: string } }
  let commands: ReturnType<typeof sessionCommands>
  beforeAll(async () => {
    ayu = await suite.site.join('stakeholder', 'Ayu', 'community')
    budi = await suite.site.join('stakeholder', 'Budi', 'business')
    commands = sessionCommands(suite.server, suite.site)
  })

  const get = <T>(path: string, token = suite.site.token) =>
    api<T>(suite.server, 'GET', path, { token, expect: 200 })
  const clausesOf = async (plan: PlanDocument, token = suite.site.token) =>
    (await get<{ clauses: ClauseStatus[] }>(`/api/documents/${plan.id}/clauses`, token)).clauses
  const decisions = async () =>
    (
      await get<{ decisions: DecisionRecord[] }>(
        `/api/workspaces/${suite.site.workspaceId}/decisions`,
      )
    ).decisions
  const verify = () =>
    get<ChainVerification>(`/api/workspaces/${suite.site.workspaceId}/records/verify`)
  const versionsOf = async (plan: PlanDocument) =>
    (await get<{ versions: Version[] }>(`/api/documents/${plan.id}/versions`)).versions

  /** A plan of three clauses, written and committed, with a writer still connected. */
  const planWithClauses = async (title: string) => {
    const plan = await suite.site.document(title)
    const writer = connectClient(suite.server, plan.room, { params: { token: ayu.token } })
    const reader = connectClient(suite.server, plan.room, { params: { token: budi.token } })
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])
    write(writer, [
      paragraph(text('§1 Buses run every ten minutes.')),
      paragraph(text('§2 Trams reach the north by 2030.')),
      paragraph(text('§3 Ayu leads the study.')),
    ])
    await saved(writer, reader)
    return { plan, writer, reader }
  }

  it('positions are taken on the passage; the decision record names its exact text and hash, inside the log leaf, and verify stays ok', async () => {
    const { plan, writer, reader } = await planWithClauses('Clause plan')
    const clause = anchorIn(paragraphText(writer, 1), 3, 33)
    const { session } = await commands.open('Clause by clause')
    for (const person of [ayu, budi])
      await commands.run(session.id, person.token, { type: 'attendance.join' })

    const opened = await commands.run(session.id, suite.site.token, {
      type: 'proposal.open',
      title: 'Trams to the north',
      text: 'Consent to §2 as written.',
      documentId: plan.id,
      passage: clause,
    })
    const proposal = opened.state.proposal
    expect(proposal?.passage).toEqual({
      ...clause,
      text: 'Trams reach the north by 2030.',
      textHash: outsiderHash('Trams reach the north by 2030.'),
    })
    const versionId = proposal?.versionId as string

    // The plan moves on: text before the clause, then the clause itself.
    write(writer, [
      paragraph(text('§0 Preamble added later.')),
      ...[0, 1, 2].map(() => paragraph(text('unrelated'))),
    ])
    await saved(writer, reader)

    await commands.run(session.id, ayu.token, {
      type: 'position.take',
      value: 'agree',
      versionId,
    })
    await commands.run(session.id, budi.token, {
      type: 'position.take',
      value: 'object',
      reason: 'The north needs buses first.',
      versionId,
    })
    // The margin reads how the open clause stands, for any member.
    expect(await clausesOf(plan, budi.token)).toEqual([
      expect.objectContaining({
        proposalId: proposal?.id,
        state: 'open',
        tally: { positions: 2, objections: 1, blocks: 0 },
        passage: proposal?.passage,
      }),
    ])

    await commands.run(session.id, suite.site.token, {
      type: 'proposal.close',
      outcome: 'adopted',
      overObjections: 1,
    })
    const decision = (await decisions()).find((record) => record.sessionId === session.id)
    expect(decision?.passage).toEqual({
      text: 'Trams reach the north by 2030.',
      textHash: outsiderHash('Trams reach the north by 2030.'),
    })
    expect(decision?.versionId).toBe(versionId)
    expect(await clausesOf(plan)).toEqual([
      expect.objectContaining({
        proposalId: proposal?.id,
        state: 'decided',
        outcome: 'adopted',
        decisionId: decision?.id,
      }),
    ])
    // Once the session ends its clauses are final: still listed, asked once or many times.
    await commands.run(session.id, suite.site.token, { type: 'session.end' })
    const ended = await clausesOf(plan)
    expect(ended).toEqual([expect.objectContaining({ proposalId: proposal?.id, state: 'decided' })])
    expect(await clausesOf(plan, ayu.token)).toEqual(ended)

    // The passage is in the log leaf the tree hashes, and the record's hash covers it.
    const { entries } = await get<{ entries: string[] }>(
      `/api/workspaces/${suite.site.workspaceId}/log/entries?start=${(decision?.sequence ?? 1) - 1}&end=${decision?.sequence}`,
    )
    const leaf = JSON.parse(Buffer.from(entries[0] ?? '', 'base64').toString('utf8'))
    expect(leaf.passage).toEqual(decision?.passage)
    expect(outsiderHash(canonicalJson(hashedContents(decision as DecisionRecord)[0]))).toBe(
      decision?.hash,
    )
    expect(await verify()).toMatchObject({ ok: true })

    // The minutes quote the clause and its hash.
    const minutes = await api<string>(
      suite.server,
      'GET',
      `/api/sessions/${session.id}/minutes?format=json`,
      { token: suite.site.token },
    )
    expect(JSON.stringify(minutes)).toContain(decision?.passage?.textHash)
    const markdown = await (
      await fetch(`${suite.server.httpUrl}/api/sessions/${session.id}/minutes`, {
        headers: { authorization: `Bearer ${suite.site.token}` },
      })
    ).text()
    expect(markdown).toContain('> Trams reach the north by 2030.')
  })

  it('the anchor follows edits in the live plan, and the live text is read apart from the frozen one', async () => {
    const { writer, reader } = await planWithClauses('Following plan')
    const run = paragraphText(writer, 1)
    const clause = anchorIn(run, 3, 33)
    const fragment = () => reader.doc.getXmlFragment('default')
    expect(readPassage(fragment(), ...decodedAnchor(clause))).toEqual({
      text: 'Trams reach the north by 2030.',
      underSuggestion: false,
    })
    // A passage over two clauses reads as two lines; one of whole blocks has no break at its ends.
    const across = {
      start: base64(
        Y.encodeRelativePosition(
          Y.createRelativePositionFromTypeIndex(paragraphText(writer, 0), 3),
        ),
      ),
      end: base64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(run, 2))),
    }
    expect(readPassage(fragment(), ...decodedAnchor(across))).toEqual({
      text: 'Buses run every ten minutes.\n§2',
      underSuggestion: false,
    })
    const wholeBlock = (index: number) =>
      base64(
        Y.encodeRelativePosition(
          Y.createRelativePositionFromTypeIndex(writer.doc.getXmlFragment('default'), index),
        ),
      )
    expect(
      readPassage(fragment(), ...decodedAnchor({ start: wholeBlock(1), end: wholeBlock(2) })),
    ).toEqual({ text: '§2 Trams reach the north by 2030.', underSuggestion: false })
    // Text typed before the passage moves it; the passage reads the same.
    writer.doc.transact(() => {
      const first = paragraphText(writer, 0)
      first.insert(0, 'Amended: ')
      run.insert(0, 'Now ')
    })
    await saved(writer, reader)
    expect(readPassage(fragment(), ...decodedAnchor(clause))).toEqual({
      text: 'Trams reach the north by 2030.',
      underSuggestion: false,
    })
    // A word changed inside it shows in the live reading.
    writer.doc.transact(() => run.insert(run.toString().indexOf('north') + 5, '-east'))
    await saved(writer, reader)
    expect(readPassage(fragment(), ...decodedAnchor(clause))).toEqual({
      text: 'Trams reach the north-east by 2030.',
      underSuggestion: false,
    })
  })

  it('bad anchors are refused with 400 and a code naming what is wrong; nothing is opened or frozen', async () => {
    const { plan, writer, reader } = await planWithClauses('Anchored plan')
    const { writer: otherWriter } = await planWithClauses('Another plan')
    const { session } = await commands.open('Bad anchors')
    const good = anchorIn(paragraphText(writer, 0), 0, 10)
    const before = (await versionsOf(plan)).length
    const open = (passage: unknown, documentId: string | undefined = plan.id) => ({
      type: 'proposal.open',
      title: 'A clause',
      text: 'Consent to it.',
      ...(documentId ? { documentId } : {}),
      passage,
    })
    const refusedWith = async (command: unknown) =>
      (await commands.refused(session.id, suite.site.token, command, 400)).details

    // Another plan's text, another root type of the plan's room, made-up items.
    const elsewhere = anchorIn(paragraphText(otherWriter, 0), 0, 10)
    expect(await refusedWith(open(elsewhere))).toEqual([
      expect.objectContaining({ path: 'passage', code: 'anchor_outside_document' }),
    ])
    const otherRoot = base64(
      Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(writer.doc.getText('x'), 0)),
    )
    expect(await refusedWith(open({ ...good, start: otherRoot }))).toEqual([
      expect.objectContaining({ code: 'anchor_outside_document' }),
    ])
    const madeUp = base64(
      Y.encodeRelativePosition(new Y.RelativePosition(null, null, Y.createID(424242, 7), 0)),
    )
    expect(await refusedWith(open({ ...good, end: madeUp }))).toEqual([
      expect.objectContaining({ code: 'anchor_outside_document' }),
    ])
    // Bytes that are no relative position; end before start; no plan named.
    expect(await refusedWith(open({ ...good, start: '/////w==' }))).toEqual([
      expect.objectContaining({ code: 'anchor_unreadable' }),
    ])
    expect(await refusedWith(open({ start: good.end, end: good.start }))).toEqual([
      expect.objectContaining({ code: 'passage_empty' }),
    ])
    expect(await refusedWith(open(good, ''))).toEqual([
      expect.objectContaining({ code: 'passage_without_plan' }),
    ])
    // A passage holding a suggestion nobody has settled: consent waits for settled text.
    const attrs = { id: 's1', authorId: 'p-ayu', authorName: 'Ayu', group: 'community' }
    paragraphText(writer, 1).format(4, 6, { suggestionDelete: attrs })
    paragraphText(writer, 2).insert(2, ' (draft)', { suggestionInsert: { ...attrs, id: 's2' } })
    await saved(writer, reader)
    for (const [index, from, to] of [
      [1, 0, 12],
      [2, 0, 4],
    ] as const) {
      expect(await refusedWith(open(anchorIn(paragraphText(writer, index), from, to)))).toEqual([
        expect.objectContaining({ code: 'passage_under_suggestion' }),
      ])
    }
    // Not base64 at all: the edge refuses it by field.
    expect(await refusedWith(open({ ...good, start: 'not base64!' }))).toEqual([
      expect.objectContaining({ path: 'passage.start' }),
    ])

    const { state } = await get<{ state: { proposal: unknown } }>(`/api/sessions/${session.id}`)
    expect(state.proposal).toBeNull()
    expect((await versionsOf(plan)).length).toBe(before)

    // The good anchor, next to the bad ones, opens; only a facilitator may open it.
    await commands.refused(session.id, ayu.token, open(good), 403)
    const opened = await commands.run(
      session.id,
      suite.site.token,
      open(good) as Parameters<typeof commands.run>[2],
    )
    expect(opened.state.proposal?.passage?.text).toBe('§1 Buses r')
    await commands.run(session.id, suite.site.token, { type: 'proposal.withdraw' })
    // Beside a suggestion, not over it: taken.
    const beside = await commands.run(
      session.id,
      suite.site.token,
      open(anchorIn(paragraphText(writer, 1), 11, 20)) as Parameters<typeof commands.run>[2],
    )
    expect(beside.state.proposal?.passage?.text).toBe('ach the n')
    await commands.run(session.id, suite.site.token, { type: 'proposal.withdraw' })
    // A withdrawn clause leaves the margin.
    expect(await clausesOf(plan)).toEqual([])
  })

  it('decisions without a passage carry none, and hash exactly as before', async () => {
    const { plan } = await planWithClauses('Whole plan')
    const { session } = await commands.open('Whole plan decision')
    await commands.run(session.id, suite.site.token, commands.proposalOn(plan.id))
    await commands.run(session.id, suite.site.token, { type: 'proposal.close', outcome: 'adopted' })
    const decision = (await decisions()).find((record) => record.sessionId === session.id)
    expect(decision).toBeDefined()
    expect(decision && 'passage' in decision).toBe(false)
    const { entries } = await get<{ entries: string[] }>(
      `/api/workspaces/${suite.site.workspaceId}/log/entries?start=0&end=${decision?.sequence}`,
    )
    for (const entry of entries.slice(0, -1)) expect(entry).toBeTruthy()
    const leaf = Buffer.from(entries.at(-1) ?? '', 'base64').toString('utf8')
    expect(leaf).not.toContain('passage')
    expect(outsiderHash(canonicalJson(hashedContents(decision as DecisionRecord)[0]))).toBe(
      decision?.hash,
    )
    expect(await verify()).toMatchObject({ ok: true })
  })
})
