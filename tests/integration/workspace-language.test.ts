import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { agreementText } from '../../shared/src/schema/mediation.js'
import type { ChainRecord } from '../../shared/src/schema/record-chain.js'
import type { ChainVerification } from '../../shared/src/schema/session.js'
import type { Version } from '../../shared/src/schema/version.js'
import type { CreatedWorkspace, Workspace } from '../../shared/src/schema/workspace.js'
import { fragmentToProseMirror, nodeText } from '../../shared/src/ydoc/prosemirror-json.js'
import { textFragmentName } from '../../shared/src/ydoc/rooms.js'
import { connectClient, waitForSynced } from '../helpers/clients.js'
import { draftAgreement, mediationServer, signedByBoth } from '../helpers/mediation.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api } from '../helpers/site.js'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * A workspace's language: chosen at creation, changed by a facilitator, and the language its
 * templates, version names, minutes and signed agreement texts are produced in.
 */
describe('workspace language', () => {
  const context = mediationServer()
  const scene = () => context.scene
  const workspacePath = () => `/api/workspaces/${scene().site.workspaceId}`
  const setLanguage = (token: string, body: unknown, expect: number) =>
    api<{ workspace?: Workspace; error?: { code: string; details?: unknown } }>(
      context.server,
      'PATCH',
      workspacePath(),
      { token, body, expect },
    )

  it('is chosen at creation (English by default); anything but en or id is refused', async () => {
    const created = await api<CreatedWorkspace>(context.server, 'POST', '/api/workspaces', {
      body: { name: 'Lokakarya transportasi', language: 'id' },
    })
    expect(created.workspace.language).toBe('id')
    const english = await api<CreatedWorkspace>(context.server, 'POST', '/api/workspaces', {
      body: { name: 'Transport workshop' },
    })
    expect(english.workspace.language).toBe('en')
    const refused = await api<{ error: { code: string; details: { path: string }[] } }>(
      context.server,
      'POST',
      '/api/workspaces',
      { body: { name: 'Atelier', language: 'fr' }, expect: 400 },
    )
    expect(refused.error.code).toBe('bad_request')
    expect(refused.error.details.map((detail) => detail.path)).toEqual(['language'])
  })

  it('is changed by a facilitator only, audited; a bad change is refused and changes nothing', async () => {
    const { facilitator, budi } = scene()
    expect((await setLanguage(budi.token, { language: 'id' }, 403)).error?.code).toBe('forbidden')
    await setLanguage(facilitator.token, { language: 'fr' }, 400)
    await setLanguage(facilitator.token, { language: 'id', name: 'Other' }, 400)
    const unchanged = await api<{ workspace: Workspace }>(context.server, 'GET', workspacePath(), {
      token: budi.token,
    })
    expect(unchanged.workspace.language).toBe('en')
    const changed = await setLanguage(facilitator.token, { language: 'id' }, 200)
    expect(changed.workspace?.language).toBe('id')
    const audit = await scene().site.audit()
    expect(audit.filter((entry) => entry.action === 'workspace.language_changed')).toMatchObject([
      {
        action: 'workspace.language_changed',
        details: { from: 'en', to: 'id' },
      },
    ])
  })

  it('produces templates, version names and minutes in it, the minutes under a readable name', async () => {
    const { facilitator, site } = scene()
    await setLanguage(facilitator.token, { language: 'id' }, 200)
    const { document } = await api<{ document: { id: string; room: string } }>(
      context.server,
      'POST',
      `${workspacePath()}/documents`,
      { token: facilitator.token, body: { title: 'Visi kota', template: 'smart-city-vision' } },
    )
    const client = connectClient(context.server, document.room, {
      params: { token: facilitator.token },
    })
    await waitForSynced(client)
    const text = nodeText(fragmentToProseMirror(client.doc.getXmlFragment(textFragmentName)))
    expect(text).toContain('Ekonomi cerdas')
    expect(text).toContain('Mobilitas cerdas')
    expect(text).not.toContain('Smart economy')
    client.provider.destroy()

    const commands = sessionCommands(context.server, site)
    const { session } = await commands.open('Lokakarya transportasi')
    await commands.run(session.id, facilitator.token, { type: 'attendance.join' })
    const { state } = await commands.run(session.id, facilitator.token, {
      type: 'proposal.open',
      title: 'Jalur sepeda',
      text: 'Adopsi rencana.',
      documentId: document.id,
    })
    const { versions } = await api<{ versions: Version[] }>(
      context.server,
      'GET',
      `/api/documents/${document.id}/versions`,
      { token: facilitator.token },
    )
    expect(versions.find((item) => item.id === state.proposal?.versionId)?.name).toBe(
      'Usulan: Jalur sepeda',
    )
    await commands.run(session.id, facilitator.token, {
      type: 'position.take',
      value: 'agree_with_concerns',
      reason: 'Perlu lampu.',
    })
    await commands.run(session.id, facilitator.token, {
      type: 'proposal.close',
      outcome: 'adopted',
    } as const)
    const response = await fetch(`${context.server.httpUrl}/api/sessions/${session.id}/minutes`, {
      headers: { authorization: `Bearer ${facilitator.token}` },
    })
    const day = session.createdAt.slice(0, 10)
    const name = `Notulen – Lokakarya transportasi – ${day}.md`
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Notulen - Lokakarya transportasi - ${day}.md"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    const minutes = await response.text()
    expect(minutes).toContain('# Notulen: Lokakarya transportasi')
    expect(minutes).toContain('| Pembukaan | 5 menit |')
    expect(minutes).toContain('Setuju dengan catatan — Perlu lampu.')
    expect(minutes).not.toContain('agree_with_concerns')
  })

  it('writes the agreement text in it, its language inside what is hashed and logged; texts from before stay valid', async () => {
    const { facilitator, rina } = scene()
    await setLanguage(facilitator.token, { language: 'id' }, 200)
    const drafted = await draftAgreement(context.server, scene(), { title: 'Jam operasional depo' })
    expect(drafted.language).toBe('id')
    expect(drafted.text).toContain('# Jam operasional depo\n\nBahasa: Bahasa Indonesia (id)\n\n')
    expect(drafted.text).toContain('Para pihak: Kota Transit (operator); ')
    expect(drafted.text).toMatch(/Penanggung jawab: .+\. Tenggat: \d{4}-\d\d-\d\d\./)
    expect(drafted.textHash).toBe(sha256(drafted.text))
    // The same content in English is another text, with another hash: the language is signed.
    const inEnglish = agreementText({ ...drafted, language: 'en' })
    expect(inEnglish).toContain('Language: English (en)')
    expect(sha256(inEnglish)).not.toBe(drafted.textHash)
    // A preamble cannot pass for the language line.
    expect(agreementText({ ...drafted, preamble: 'Bahasa: English (en)' }).split('\n\n')[3]).toBe(
      '\\Bahasa: English (en)',
    )

    const signed = await signedByBoth(context.server, scene(), drafted)
    const { records } = await api<{ records: ChainRecord[] }>(
      context.server,
      'GET',
      `/api/workspaces/${scene().site.workspaceId}/records`,
      { token: rina.token },
    )
    expect(records.find((record) => record.id === signed.id)).toMatchObject({
      kind: 'agreement',
      language: 'id',
      textHash: drafted.textHash,
    })
    const verified = await api<ChainVerification>(
      context.server,
      'GET',
      `/api/workspaces/${scene().site.workspaceId}/records/verify`,
      { token: rina.token },
    )
    expect(verified.ok).toBe(true)

    // A text without a language renders as it was signed before languages: no language line.
    const { language: _language, ...before } = drafted
    expect(agreementText(before)).toBe(agreementText({ ...before, language: undefined }))
    expect(agreementText(before)).not.toMatch(/Language:|Bahasa:/)
    expect(agreementText(before)).toContain('Parties: Kota Transit (operator); ')
  })
})
