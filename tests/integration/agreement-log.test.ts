import { beforeAll, expect, it } from 'vitest'
import type { Agreement } from '../../shared/src/schema/mediation.js'
import type { Publication, PublicFeed } from '../../shared/src/schema/publication.js'
import type { ChainRecord } from '../../shared/src/schema/record-chain.js'
import type { ChainVerification } from '../../shared/src/schema/session.js'
import { draftAgreement, mediationServer, signedByBoth } from '../helpers/mediation.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { api } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'
import { runVerifier } from '../helpers/verifier.js'

/**
 * Issue 15 item 2: whatever a reader is shown of a signed agreement — its text, signatures and
 * term follow-up — is what the record log holds. Each attack edits a row in the SQLite file, as
 * an operator could; each is reported by verify and in every view, and the edited value is
 * never shown as true.
 */
describeSqliteOnly('a signed agreement as its log holds it', () => {
  const context = mediationServer()
  let signed: Agreement
  let publicId: string

  /** Changes the database file behind the server's back, then lets the test put it back. */
  const tamper = (sql: string, ...params: unknown[]) => {
    const db = openStore(context.server.dataDir)
    try {
      db.prepare(sql).run(...params)
    } finally {
      db.close()
    }
  }
  const rowsOf = (table: string) => {
    const db = openStore(context.server.dataDir)
    try {
      return db.prepare(`SELECT * FROM ${table} WHERE agreement_id = ?`).all(signed.id)
    } finally {
      db.close()
    }
  }
  const restore = (table: string, rows: unknown[], key = 'agreement_id') => {
    const db = openStore(context.server.dataDir)
    try {
      db.transaction(() => {
        db.prepare(`DELETE FROM ${table} WHERE ${key} = ?`).run(signed.id)
        for (const row of rows as Record<string, unknown>[]) {
          const columns = Object.keys(row)
          db.prepare(
            `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          ).run(...columns.map((column) => row[column]))
        }
      })()
    } finally {
      db.close()
    }
  }

  /** Every place a reader sees the agreement: the API, verify, minutes, export, public feed. */
  const everyView = async () => {
    const { server, scene } = context
    const { agreement } = await api<{ agreement: Agreement }>(
      server,
      'GET',
      `/api/agreements/${signed.id}`,
      { token: scene.rina.token },
    )
    const verification = await api<ChainVerification>(
      server,
      'GET',
      `/api/workspaces/${scene.site.workspaceId}/records/verify`,
      { token: scene.rina.token },
    )
    const minutes = await (
      await fetch(`${server.httpUrl}/api/sessions/${scene.session.id}/minutes`, {
        headers: { authorization: `Bearer ${scene.mediator.token}` },
      })
    ).text()
    const exported = await api<{ agreements: Agreement[] }>(
      server,
      'GET',
      `/api/workspaces/${scene.site.workspaceId}/export`,
      { token: scene.facilitator.token },
    )
    const feedText = await (await fetch(`${server.httpUrl}/api/public/${publicId}`)).text()
    const feed = JSON.parse(feedText) as PublicFeed
    return {
      agreement,
      verification,
      minutes,
      exported: exported.agreements.find((item) => item.id === signed.id),
      feed,
      feedText,
    }
  }

  /** What the outsider's command says of the public record when it fails (it must fail). */
  const commandSays = async () => {
    const run = await runVerifier([`${context.server.httpUrl}/api/public/${publicId}`])
    expect(run.code).toBe(1)
    return run.stderr
  }

  /** The edited value appears in no view: not the API, the export, the minutes, the feed. */
  const expectNowhere = (views: Awaited<ReturnType<typeof everyView>>, edited: string) => {
    for (const shown of [
      JSON.stringify(views.agreement),
      JSON.stringify(views.exported),
      views.minutes,
      views.feedText,
    ]) {
      expect(shown).not.toContain(edited)
    }
  }

  beforeAll(async () => {
    const { server, scene } = context
    signed = await signedByBoth(server, scene, await draftAgreement(server, scene))
    const [first] = signed.terms
    await api(server, 'POST', `/api/agreements/${signed.id}/terms/${first?.id}/status`, {
      token: scene.budi.token,
      body: { status: 'done', note: 'Timers fitted at the depot.' },
      expect: 200,
    })
    const publication = await api<Publication>(
      server,
      'PUT',
      `/api/workspaces/${scene.site.workspaceId}/publication`,
      { token: scene.facilitator.token, body: { published: true, anonymised: false } },
    )
    publicId = publication.publicId ?? ''
  })

  it('untouched, shows the signed values everywhere and says they match the log', async () => {
    const views = await everyView()
    expect(views.agreement.logCheck).toEqual({ matches: true, mismatches: [] })
    expect(views.agreement.text).toBe(signed.text)
    expect(views.verification).toMatchObject({ ok: true })
    expect(views.exported?.logCheck).toEqual({ matches: true, mismatches: [] })
    expect(views.minutes).not.toContain('WARNING')
    expect(views.feed.verification).toMatchObject({ ok: true })
    expect(views.feed.agreements[0]).toMatchObject({
      text: signed.text,
      logCheck: { matches: true },
      signatures: [{ name: 'Budi Santoso' }, { name: 'Rina Kusuma' }],
    })
    expect(views.feed.followUp.map((term) => term.status)).toEqual(['done', 'open'])
    expect(views.feed.followUp[0]?.history[0]?.note).toBe('Timers fitted at the depot.')
  })

  it('an agreement row with an edited title and term is reported, and shows the signed text', async () => {
    tamper(
      `UPDATE agreement SET content = json_set(content, '$.title', 'TAMPERED TITLE',
                                               '$.terms[0].text', 'TAMPERED TERM') WHERE id = ?`,
      signed.id,
    )
    const views = await everyView()
    expect(views.agreement.logCheck).toEqual({ matches: false, mismatches: ['content'] })
    expect(views.agreement.title).toBe(signed.title)
    expect(views.agreement.terms[0]?.text).toBe(signed.terms[0]?.text)
    expect(views.agreement.text).toBe(signed.text)
    expect(views.verification).toMatchObject({
      ok: false,
      firstInvalid: { id: signed.id, problem: expect.stringContaining('content') },
    })
    expectNowhere(views, 'TAMPERED')
    expect(views.exported?.logCheck?.matches).toBe(false)
    expect(views.minutes).toContain('WARNING')
    expect(views.feed.verification.ok).toBe(false)
    expect(views.feed.agreements[0]?.logCheck).toEqual({ matches: false, mismatches: ['content'] })
    // The outsider's command says so too, and fails.
    const feedUrl = `${context.server.httpUrl}/api/public/${publicId}`
    const edited = await runVerifier([feedUrl])
    expect(edited.code).toBe(1)
    expect(edited.stderr).toMatch(/no longer match the signed log/)

    tamper(
      `UPDATE agreement SET content = json_set(content, '$.title', ?, '$.terms[0].text', ?)
       WHERE id = ?`,
      signed.title,
      signed.terms[0]?.text,
      signed.id,
    )
    expect((await everyView()).verification).toMatchObject({ ok: true })
    expect((await runVerifier([feedUrl])).code).toBe(0)
  })

  it('an agreement row with its signed language changed (or removed) is reported, and shows the text signed in it', async () => {
    expect(signed.language).toBe('en')
    expect(signed.text).toContain('Language: English')
    for (const edit of [
      `json_set(content, '$.language', 'id')`,
      `json_remove(content, '$.language')`,
    ]) {
      tamper(`UPDATE agreement SET content = ${edit} WHERE id = ?`, signed.id)
      const views = await everyView()
      expect(views.agreement.logCheck).toEqual({ matches: false, mismatches: ['content'] })
      expect(views.agreement.language).toBe('en')
      expect(views.agreement.text).toBe(signed.text)
      expect(views.verification).toMatchObject({
        ok: false,
        firstInvalid: { id: signed.id, problem: expect.stringContaining('content') },
      })
      expect(views.feed.agreements[0]?.logCheck).toEqual({
        matches: false,
        mismatches: ['content'],
      })
      expectNowhere(views, 'Para pihak')
      tamper(
        `UPDATE agreement SET content = json_set(content, '$.language', 'en') WHERE id = ?`,
        signed.id,
      )
      expect((await everyView()).verification).toMatchObject({ ok: true })
    }
  })

  it('a forged signer in a signature row is reported, and the logged signer is shown', async () => {
    const { scene } = context
    const rows = rowsOf('signature')
    tamper(
      `UPDATE signature SET participant_id = ?, name = 'Forged Signer'
       WHERE agreement_id = ? AND party_id = ?`,
      scene.outsiders.stakeholder.participant.id,
      signed.id,
      scene.residents.id,
    )
    const views = await everyView()
    expect(views.agreement.logCheck).toEqual({ matches: false, mismatches: ['signatures'] })
    expect(views.agreement.signatures.map((item) => [item.name, item.participantId])).toEqual([
      ['Budi Santoso', scene.budi.participant.id],
      ['Rina Kusuma', scene.rina.participant.id],
    ])
    expect(views.verification).toMatchObject({
      ok: false,
      firstInvalid: { id: signed.id, problem: expect.stringContaining('signatures') },
    })
    expectNowhere(views, 'Forged Signer')
    expect(views.feed.agreements[0]?.logCheck.mismatches).toEqual(['signatures'])
    expect(await commandSays()).toMatch(/no longer match the signed log/)
    restore('signature', rows)

    // Only the name changed: the log holds the signer, whose name is kept beside it; the row's
    // name is never shown.
    tamper(`UPDATE signature SET name = 'Forged Signer' WHERE agreement_id = ?`, signed.id)
    const renamed = await everyView()
    expect(renamed.agreement.signatures.map((item) => item.name)).toEqual([
      'Budi Santoso',
      'Rina Kusuma',
    ])
    expectNowhere(renamed, 'Forged Signer')
    restore('signature', rows)
    expect((await everyView()).verification).toMatchObject({ ok: true })
  })

  it('a term marked missed in its status row is reported, and the logged status is shown', async () => {
    const rows = rowsOf('term_status')
    tamper(`UPDATE term_status SET status = 'missed' WHERE agreement_id = ?`, signed.id)
    const edited = await everyView()
    expect(edited.agreement.logCheck).toEqual({ matches: false, mismatches: ['term-status'] })
    expect(edited.agreement.followUp.map((term) => term.status)).toEqual(['done', 'open'])
    expect(edited.verification).toMatchObject({
      ok: false,
      firstInvalid: { id: signed.id, problem: expect.stringContaining('term-status') },
    })
    expect(edited.exported?.followUp.map((term) => term.status)).toEqual(['done', 'open'])
    expect(edited.feed.followUp.map((term) => term.status)).toEqual(['done', 'open'])
    expect(edited.feedText).not.toContain('"missed"')
    expect(await commandSays()).toMatch(/no longer match the signed log/)
    restore('term_status', rows)

    // A follow-up row added that the log never held is reported the same way.
    tamper(
      `INSERT INTO term_status (agreement_id, term_id, sequence, status, note, participant_id,
                                name, at)
       VALUES (?, ?, 1, 'missed', 'Never done.', ?, 'Rina Kusuma', ?)`,
      signed.id,
      signed.terms[1]?.id,
      context.scene.rina.participant.id,
      new Date().toISOString(),
    )
    const added = await everyView()
    expect(added.agreement.logCheck?.mismatches).toEqual(['term-status'])
    expect(added.agreement.followUp[1]).toMatchObject({ status: 'open', history: [] })
    expect(added.feedText).not.toContain('Never done.')
    restore('term_status', rows)
    expect((await everyView()).verification).toMatchObject({ ok: true })
  })

  it('a signed agreement put back to draft in its row is still shown signed, and reported', async () => {
    tamper(`UPDATE agreement SET status = 'draft', signed_at = NULL WHERE id = ?`, signed.id)
    const views = await everyView()
    expect(views.agreement).toMatchObject({
      status: 'signed',
      logCheck: { matches: false, mismatches: ['content'] },
    })
    expect(views.verification.ok).toBe(false)
    tamper(
      `UPDATE agreement SET status = 'signed', signed_at = ? WHERE id = ?`,
      signed.signedAt,
      signed.id,
    )
    expect((await everyView()).verification).toMatchObject({ ok: true })
  })

  it('a signed agreement deleted from its tables is reported by verify and by the command', async () => {
    const { server, scene } = context
    const db = openStore(server.dataDir)
    const agreementRows = db.prepare('SELECT * FROM agreement WHERE id = ?').all(signed.id)
    db.close()
    const signatures = rowsOf('signature')
    const statuses = rowsOf('term_status')
    tamper('DELETE FROM term_status WHERE agreement_id = ?', signed.id)
    tamper('DELETE FROM signature WHERE agreement_id = ?', signed.id)
    tamper('DELETE FROM agreement WHERE id = ?', signed.id)

    const verification = await api<ChainVerification>(
      server,
      'GET',
      `/api/workspaces/${scene.site.workspaceId}/records/verify`,
      { token: scene.rina.token },
    )
    expect(verification).toMatchObject({
      ok: false,
      firstInvalid: { id: signed.id, problem: expect.stringContaining('missing') },
    })
    // The feed no longer shows the agreement its log holds: the outsider's command says so.
    const feedUrl = `${server.httpUrl}/api/public/${publicId}`
    const deleted = await runVerifier([feedUrl])
    expect(deleted.code).toBe(1)
    expect(deleted.stderr).toContain(
      `the signed agreement “${signed.title}” is in the log but the public record does not show it`,
    )

    restore('agreement', agreementRows, 'id')
    restore('signature', signatures)
    restore('term_status', statuses)
    expect((await everyView()).verification).toMatchObject({ ok: true })
    expect((await runVerifier([feedUrl])).code).toBe(0)
  })

  it('erasing a display name leaves every record as it was, and the log verifiable', async () => {
    const { server, scene } = context
    const records = () =>
      api<{ records: ChainRecord[]; people: Record<string, string> }>(
        server,
        'GET',
        `/api/workspaces/${scene.site.workspaceId}/records`,
        { token: scene.rina.token },
      )
    const before = await records()
    expect(Object.values(before.people)).toContain('Budi Santoso')
    tamper('DELETE FROM record_person WHERE participant_id = ?', scene.budi.participant.id)
    const after = await records()
    expect(after.records).toEqual(before.records)
    expect(Object.values(after.people)).not.toContain('Budi Santoso')
    const views = await everyView()
    expect(views.verification).toMatchObject({ ok: true })
    expect(views.agreement.logCheck).toEqual({ matches: true, mismatches: [] })
  })
})
