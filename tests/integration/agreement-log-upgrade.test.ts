import { afterAll, expect, it } from 'vitest'
import { sha256 } from '../../server/src/domain/records-and-publication/record-chain.js'
import type { Agreement, AgreementRecord } from '../../shared/src/schema/mediation.js'
import type { Publication, PublicFeed } from '../../shared/src/schema/publication.js'
import {
  canonicalJson,
  checkChain,
  genesisHash,
  hashedContents,
} from '../../shared/src/schema/record-chain.js'
import type { ChainVerification } from '../../shared/src/schema/session.js'
import { draftAgreement, openMediation, signedByBoth } from '../helpers/mediation.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'
import { runVerifier } from '../helpers/verifier.js'

/**
 * A signed agreement as releases before person commitments logged it: one record holding the
 * rendered text, the names and the signatures, its term follow-up not logged at all. It must
 * still verify, be checked against its rows as far as it goes, and be followed up in the log.
 */
describeSqliteOnly('an agreement logged before people became commitments', () => {
  let server: TestServer | undefined
  afterAll(async () => {
    await server?.stop()
    await removeDataDirs()
  })

  it('still verifies, its rows are checked against it, and new follow-up is logged', async () => {
    server = await startServer()
    const scene = await openMediation(server)
    const signed = await signedByBoth(server, scene, await draftAgreement(server, scene))
    const [first, second] = signed.terms
    await api(server, 'POST', `/api/agreements/${signed.id}/terms/${first?.id}/status`, {
      token: scene.budi.token,
      body: { status: 'done', note: 'Timers fitted.' },
      expect: 200,
    })
    const { dataDir } = server
    await server.stop()

    // Rewrite the log as the earlier release wrote it: the agreement alone, names inside.
    const { hash: _hash, ...content } = {
      kind: 'agreement',
      id: signed.id,
      workspaceId: scene.site.workspaceId,
      sequence: 1,
      sessionId: signed.sessionId,
      title: signed.title,
      text: signed.text,
      textHash: signed.textHash,
      parties: signed.parties.map(({ id, name }) => ({ id, name })),
      terms: signed.terms,
      signatures: signed.signatures,
      amends: null,
      recordedAt: signed.signedAt ?? '',
      previousHash: genesisHash,
      hash: '',
    } satisfies AgreementRecord
    const db = openStore(dataDir)
    db.transaction(() => {
      db.prepare('DELETE FROM chain_record WHERE workspace_id = ?').run(scene.site.workspaceId)
      // Those releases signed no checkpoints either: the server signs the log it finds.
      db.prepare('DELETE FROM log_checkpoint WHERE workspace_id = ?').run(scene.site.workspaceId)
      db.prepare('DELETE FROM record_person').run()
      db.prepare('DELETE FROM record_secret').run()
      db.prepare(
        `INSERT INTO chain_record (id, workspace_id, sequence, kind, record, hash)
         VALUES (?, ?, 1, 'agreement', ?, ?)`,
      ).run(
        signed.id,
        scene.site.workspaceId,
        JSON.stringify(content),
        sha256(canonicalJson(content)),
      )
    })()
    db.close()
    server = await startServer({ dataDir })
    const running = server
    const verify = () =>
      api<ChainVerification>(
        running,
        'GET',
        `/api/workspaces/${scene.site.workspaceId}/records/verify`,
        { token: scene.rina.token },
      )
    const agreement = async () =>
      (
        await api<{ agreement: Agreement }>(running, 'GET', `/api/agreements/${signed.id}`, {
          token: scene.rina.token,
        })
      ).agreement

    // Its unlogged follow-up is shown as stored; everything the record holds matches.
    expect(await verify()).toMatchObject({ ok: true, count: 1 })
    expect(await agreement()).toMatchObject({
      logCheck: { matches: true, mismatches: [] },
      followUp: [{ status: 'done' }, { status: 'open' }],
    })

    // New follow-up of the old agreement is logged, by commitment, after it.
    await api(running, 'POST', `/api/agreements/${signed.id}/terms/${second?.id}/status`, {
      token: scene.rina.token,
      body: { status: 'missed', note: 'Nobody named yet.' },
      expect: 200,
    })
    expect(await verify()).toMatchObject({ ok: true, count: 2 })

    // A forged signer is caught against the signatures the old record holds.
    const forge = (name: string) => {
      const store = openStore(dataDir)
      store
        .prepare('UPDATE signature SET name = ? WHERE agreement_id = ? AND party_id = ?')
        .run(name, signed.id, scene.residents.id)
      store.close()
    }
    forge('Forged Signer')
    expect(await verify()).toMatchObject({ ok: false, firstInvalid: { id: signed.id } })
    const forged = await agreement()
    expect(forged.logCheck?.mismatches).toEqual(['signatures'])
    expect(forged.signatures.map((item) => item.name)).toEqual(['Budi Santoso', 'Rina Kusuma'])
    forge('Rina Kusuma')
    expect(await verify()).toMatchObject({ ok: true })

    // Named, anyone rehashes the old record and the new one by the same rule.
    const base = `/api/workspaces/${scene.site.workspaceId}/publication`
    const publish = (anonymised: boolean) =>
      api<Publication>(running, 'PUT', base, {
        token: scene.facilitator.token,
        body: { published: true, anonymised },
      })
    const namedPath = `/api/public/${(await publish(false)).publicId}`
    const named = await api<PublicFeed>(running, 'GET', namedPath)
    expect(named.recordsAsLogged).toBe(true)
    // The outsider's command checks the old agreement's text and signatures against its entry.
    const outsider = await runVerifier([`${running.httpUrl}${namedPath}`])
    expect(outsider).toMatchObject({ code: 0, stderr: '' })
    const rehashed = checkChain(
      named.records.map((record) => ({
        id: record.id,
        sequence: record.sequence,
        previousHash: record.previousHash,
        hash: record.hash,
        recomputedHashes: hashedContents(record).map((item) => sha256(canonicalJson(item))),
      })),
    )
    expect(rehashed.ok).toBe(true)
    // Anonymised, the old record holds names and is pseudonymised: the feed says it is a copy.
    const anonymous = await api<PublicFeed>(
      running,
      'GET',
      `/api/public/${(await publish(true)).publicId}`,
    )
    expect(anonymous.recordsAsLogged).toBe(false)
    expect(JSON.stringify(anonymous)).not.toContain('Budi')
    expect(anonymous.records[1]).toEqual(named.records[1])
    expect((await runVerifier([`${running.httpUrl}${namedPath}`])).code).toBe(0)
  })
})
