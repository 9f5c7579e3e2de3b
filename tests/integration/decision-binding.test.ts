import { createHash } from 'node:crypto'
import canonicalizeModule from 'canonicalize'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ApprovedText } from '../../shared/src/schema/approved-text.js'
import type { PlanDocument } from '../../shared/src/schema/document.js'
import type { Publication, PublicFeed } from '../../shared/src/schema/publication.js'
import type { DecisionRecord } from '../../shared/src/schema/session.js'
import type { Version } from '../../shared/src/schema/version.js'
import { connectClient, waitForSynced } from '../helpers/clients.js'
import { paragraph, saved, text, write } from '../helpers/plan-text.js'
import { itSqliteOnly } from '../helpers/postgres.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'
import { siteForSuite } from '../helpers/suite.js'

// Written as an outsider would, from the docs: SHA-256 over the RFC 8785 JSON of the export's
// `content`, with the package itself rather than the server's code.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string
const outsiderHash = (content: unknown) =>
  createHash('sha256').update(canonicalize(content), 'utf8').digest('hex')

describe('decisions bound to the exact text: frozen when the proposal opens', () => {
  const suite = siteForSuite()
  let ayu: { token: string }
  let budi: { token: string }
  let commands: ReturnType<typeof sessionCommands>
  beforeAll(async () => {
    ayu = await suite.site.join('stakeholder', 'Ayu', 'community')
    budi = await suite.site.join('stakeholder', 'Budi', 'business')
    commands = sessionCommands(suite.server, suite.site)
  })

  const get = <T>(path: string, token = suite.site.token, expect = 200) =>
    api<T>(suite.server, 'GET', path, { token, expect })
  const decisions = async () =>
    (
      await get<{ decisions: DecisionRecord[] }>(
        `/api/workspaces/${suite.site.workspaceId}/decisions`,
      )
    ).decisions
  const versionsOf = async (document: PlanDocument) =>
    (await get<{ versions: Version[] }>(`/api/documents/${document.id}/versions`)).versions
  const exported = (document: PlanDocument, versionId: string) =>
    get<{ version: string; content: unknown }>(
      `/api/documents/${document.id}/export?format=json&version=${versionId}`,
    )
  const publishAndRead = async (anonymised: boolean) => {
    const publication = await api<Publication>(
      suite.server,
      'PUT',
      `/api/workspaces/${suite.site.workspaceId}/publication`,
      { token: suite.site.token, body: { published: true, anonymised }, expect: 200 },
    )
    const response = await fetch(`${suite.server.httpUrl}/api/public/${publication.publicId}`)
    expect(response.status).toBe(200)
    return (await response.json()) as PublicFeed
  }

  it('other_version: positions are on the version frozen at opening; the decision carries it and its hash, whatever the plan became', async () => {
    const plan = await suite.site.document('Mobility plan')
    const writer = connectClient(suite.server, plan.room, { params: { token: ayu.token } })
    const reader = connectClient(suite.server, plan.room, { params: { token: budi.token } })
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])
    write(writer, [
      paragraph(text('Buses every ten minutes.')),
      paragraph(text('Trams reach the north. Ayu leads the study.')),
    ])
    await saved(writer, reader)

    const { session } = await commands.open('Adopt the plan')
    for (const person of [ayu, budi])
      await commands.run(session.id, person.token, { type: 'attendance.join' })
    const opened = await commands.run(session.id, suite.site.token, {
      type: 'proposal.open',
      title: 'Adopt the mobility plan',
      text: 'Adopt the plan as it reads now.',
      documentId: plan.id,
    })
    const versionId = opened.state.proposal?.versionId
    expect(versionId).toMatch(/.+/)
    const frozen = (await versionsOf(plan)).find((version) => version.id === versionId)
    expect(frozen).toMatchObject({ kind: 'proposal', name: 'Proposal: Adopt the mobility plan' })

    // The plan moves on while the proposal is open.
    write(writer, [
      paragraph(text('Buses every ten minutes.')),
      paragraph(text('Trams reach the south. Ayu leads the study.')),
    ])
    await saved(writer, reader)

    const ayuPosition = await commands.run(session.id, ayu.token, {
      type: 'position.take',
      value: 'agree',
      versionId: versionId as string,
    })
    expect(ayuPosition.state.proposal?.positions).toEqual([
      expect.objectContaining({ name: 'Ayu', value: 'agree', versionId }),
    ])
    // A position sent for another version (a page showing another text) is refused, and kept out.
    const other = await commands.refused(
      session.id,
      budi.token,
      { type: 'position.take', value: 'block', versionId: 'some-other-version' },
      409,
    )
    expect(other).toMatchObject({ code: 'conflict', details: { rule: 'other_version' } })
    const budiPosition = await commands.run(session.id, budi.token, {
      type: 'position.take',
      value: 'stand_aside',
    })
    expect(
      budiPosition.state.proposal?.positions.map((p) => [p.name, p.value, p.versionId]),
    ).toEqual([
      ['Ayu', 'agree', versionId],
      ['Budi', 'stand_aside', versionId],
    ])

    await commands.run(session.id, suite.site.token, { type: 'proposal.close', outcome: 'adopted' })
    const decision = (await decisions()).find((record) => record.sessionId === session.id)
    expect(decision?.versionId).toBe(versionId)
    // No other version was frozen at closing.
    expect((await versionsOf(plan)).map((version) => version.kind)).toEqual(['proposal'])

    // Anyone holding the version export recomputes the record's hash; the live text differs.
    const approved = await exported(plan, versionId as string)
    expect(JSON.stringify(approved.content)).toContain('Trams reach the north.')
    expect(decision?.contentHash).toBe(outsiderHash(approved.content))
    expect(decision?.contentHash).toBe(frozen?.contentHash)
    const live = await exported(plan, 'live')
    expect(outsiderHash(live.content)).not.toBe(decision?.contentHash)

    // The record in the workspace's transparency log carries both: they are in its leaf.
    const { entries } = await get<{ entries: string[] }>(
      `/api/workspaces/${suite.site.workspaceId}/log/entries?start=${(decision?.sequence ?? 1) - 1}&end=${decision?.sequence}`,
    )
    expect(JSON.parse(Buffer.from(entries[0] ?? '', 'base64').toString('utf8'))).toMatchObject({
      id: decision?.id,
      versionId,
      contentHash: decision?.contentHash,
    })

    // The minutes name the version approved and its hash.
    const minutes = await fetch(`${suite.server.httpUrl}/api/sessions/${session.id}/minutes`, {
      headers: { authorization: `Bearer ${budi.token}` },
    })
    expect(await minutes.text()).toContain(
      `approved plan version ${versionId}, content sha256 ${decision?.contentHash})`,
    )

    // The members' view: the approved text and how today's plan differs from it.
    const view = await get<ApprovedText>(
      `/api/workspaces/${suite.site.workspaceId}/decisions/${decision?.id}/approved-text`,
      budi.token,
    )
    expect(view).toMatchObject({
      decisionId: decision?.id,
      documentId: plan.id,
      versionId,
      matchesRecord: true,
    })
    expect(outsiderHash(view.content)).toBe(decision?.contentHash)
    // Only the blocks that differ: the unchanged one is not repeated.
    expect(view.changesSince).toEqual([
      expect.objectContaining({
        op: 'changed',
        before: 'Trams reach the north. Ayu leads the study.',
        after: 'Trams reach the south. Ayu leads the study.',
      }),
    ])

    // The public feed shows the same, verifiable by anyone when named.
    const named = await publishAndRead(false)
    expect(named.verification.ok).toBe(true)
    const published = named.approvedTexts.find((entry) => entry.decisionId === decision?.id)
    expect(published && outsiderHash(published.content)).toBe(decision?.contentHash)
    expect(published?.changesSince).toEqual(view.changesSince)
    expect(named.records.find((record) => record.id === decision?.id)).toMatchObject({
      versionId,
      contentHash: decision?.contentHash,
    })
    // Anonymised, names are replaced in the plan's text too (so it no longer hashes the same).
    const anonymous = await publishAndRead(true)
    const hidden = anonymous.approvedTexts.find((entry) => entry.decisionId === decision?.id)
    expect(JSON.stringify(hidden)).toContain('Trams reach the north.')
    expect(JSON.stringify(hidden)).not.toContain('Ayu')
  })

  it('a proposal without a plan decides as before, with no version and no hash', async () => {
    const { session } = await commands.open('No plan')
    const opened = await commands.run(session.id, suite.site.token, {
      type: 'proposal.open',
      title: 'Car-free Sundays',
      text: 'On Jalan Braga.',
    })
    expect(opened.state.proposal?.versionId).toBeNull()
    await commands.run(session.id, ayu.token, { type: 'attendance.join' })
    const taken = await commands.run(session.id, ayu.token, {
      type: 'position.take',
      value: 'agree',
    })
    expect(taken.state.proposal?.positions[0]?.versionId).toBeNull()
    // Naming a version where the proposal has none is as wrong as naming another one.
    const refused = await commands.refused(
      session.id,
      ayu.token,
      { type: 'position.take', value: 'agree', versionId: 'v1' },
      409,
    )
    expect(refused.details).toEqual({ rule: 'other_version' })
    await commands.run(session.id, suite.site.token, { type: 'proposal.close', outcome: 'adopted' })
    const decision = (await decisions()).find((record) => record.sessionId === session.id)
    expect(decision).toMatchObject({ documentId: null, versionId: null, contentHash: null })
    const none = await get<{ error: { code: string } }>(
      `/api/workspaces/${suite.site.workspaceId}/decisions/${decision?.id}/approved-text`,
      ayu.token,
      404,
    )
    expect(none.error.code).toBe('not_found')
  })

  it('refuses to open a proposal on a plan that is not there to read, freezing nothing', async () => {
    const { session } = await commands.open('Refusals')
    const proposal = commands.proposalOn
    expect((await commands.refused(session.id, suite.site.token, proposal('gone'), 404)).code).toBe(
      'not_found',
    )
    const archived = await suite.site.document('Old plan')
    await api(
      suite.server,
      'PATCH',
      `/api/workspaces/${suite.site.workspaceId}/documents/${archived.id}`,
      { token: suite.site.token, body: { archived: true }, expect: 200 },
    )
    expect(
      await commands.refused(session.id, suite.site.token, proposal(archived.id), 400),
    ).toMatchObject({ code: 'bad_request', details: [{ path: 'documentId' }] })
    expect(await versionsOf(archived)).toEqual([])
    // A stakeholder may not open proposals at all: nothing is frozen for them either.
    const plan = await suite.site.document('Mobility plan')
    const before = (await versionsOf(plan)).length
    expect((await commands.refused(session.id, ayu.token, proposal(plan.id), 403)).code).toBe(
      'forbidden',
    )
    expect(await versionsOf(plan)).toHaveLength(before)
    // Another workspace's decision is unknown here, and the text needs a member's token.
    const path = `/api/workspaces/${suite.site.workspaceId}/decisions/no-such/approved-text`
    await get(path, ayu.token, 404)
    await api(suite.server, 'GET', path, { expect: 401 })
  })

  it('a decision recorded directly on a plan carries the version frozen then and its hash', async () => {
    const plan = await suite.site.document('Mobility plan')
    const { decision } = await api<{ decision: DecisionRecord }>(
      suite.server,
      'POST',
      `/api/workspaces/${suite.site.workspaceId}/decisions`,
      {
        token: suite.site.token,
        body: {
          title: 'Adopt directly',
          text: 'Adopted.',
          outcome: 'adopted',
          documentId: plan.id,
        },
        expect: 201,
      },
    )
    expect(decision.versionId).toMatch(/.+/)
    const approved = await exported(plan, decision.versionId as string)
    expect(decision.contentHash).toBe(outsiderHash(approved.content))
    const verified = await get<{ ok: boolean }>(
      `/api/workspaces/${suite.site.workspaceId}/records/verify`,
    )
    expect(verified.ok).toBe(true)
  })

  itSqliteOnly(
    'a version row edited behind the server’s back is reported, not shown as what was approved',
    async () => {
      const plan = await suite.site.document('Tampered plan')
      const writer = connectClient(suite.server, plan.room, { params: { token: ayu.token } })
      const reader = connectClient(suite.server, plan.room, { params: { token: budi.token } })
      await Promise.all([waitForSynced(writer), waitForSynced(reader)])
      write(writer, [paragraph(text('The depot stays at Gedebage.'))])
      await saved(writer, reader)
      const { decision } = await api<{ decision: DecisionRecord }>(
        suite.server,
        'POST',
        `/api/workspaces/${suite.site.workspaceId}/decisions`,
        {
          token: suite.site.token,
          body: { title: 'Keep the depot', text: 'Kept.', outcome: 'adopted', documentId: plan.id },
          expect: 201,
        },
      )
      const db = openStore(suite.server.dataDir)
      try {
        db.prepare(
          'UPDATE version SET content_json = replace(content_json, ?, ?) WHERE id = ?',
        ).run('Gedebage', 'Cileunyi', decision.versionId)
      } finally {
        db.close()
      }
      const view = await get<ApprovedText>(
        `/api/workspaces/${suite.site.workspaceId}/decisions/${decision.id}/approved-text`,
      )
      expect(JSON.stringify(view.content)).toContain('Cileunyi')
      expect(view.matchesRecord).toBe(false)
      expect(outsiderHash(view.content)).not.toBe(decision.contentHash)
      // Anonymised, where a reader cannot rehash the text, the server's check still says so.
      const anonymous = await publishAndRead(true)
      expect(
        anonymous.approvedTexts.find((entry) => entry.decisionId === decision.id)?.matchesRecord,
      ).toBe(false)
    },
  )

  itSqliteOnly(
    'a proposal opened before versions were frozen at opening freezes one when it closes',
    async () => {
      const plan = await suite.site.document('Mobility plan')
      const { session } = await commands.open('Across the upgrade')
      const opened = await commands.run(session.id, suite.site.token, commands.proposalOn(plan.id))
      const frozenAtOpening = opened.state.proposal?.versionId
      // The state as an older release stored it: the open proposal names no version.
      const db = openStore(suite.server.dataDir)
      try {
        db.prepare(
          "UPDATE session SET state = json_remove(state, '$.proposal.versionId') WHERE id = ?",
        ).run(session.id)
      } finally {
        db.close()
      }
      await commands.run(session.id, ayu.token, { type: 'attendance.join' })
      const taken = await commands.run(session.id, ayu.token, {
        type: 'position.take',
        value: 'agree',
      })
      expect(taken.state.proposal?.positions[0]?.versionId).toBeNull()
      await commands.run(session.id, suite.site.token, {
        type: 'proposal.close',
        outcome: 'adopted',
      })
      const decision = (await decisions()).find((record) => record.sessionId === session.id)
      expect(decision?.versionId).toMatch(/.+/)
      expect(decision?.versionId).not.toBe(frozenAtOpening)
      const frozen = (await versionsOf(plan)).find((version) => version.id === decision?.versionId)
      expect(frozen?.kind).toBe('decision')
      const approved = await exported(plan, decision?.versionId as string)
      expect(decision?.contentHash).toBe(outsiderHash(approved.content))
    },
  )
})
