import { describe, expect, it } from 'vitest'
import { type Agreement, agreementText } from '../../shared/src/schema/mediation.js'
import { agreementBody, draftAgreement, inDays, mediationServer } from '../helpers/mediation.js'
import { api } from '../helpers/site.js'

type Refusal = { error: { code: string; details: { path: string; message: string }[] } }

/** Lines of a signed text that only the rendering may write: one per term, and one parties line. */
const structure = (text: string) => ({
  terms: text.split('\n').filter((line) => /^\d+\. /.test(line)).length,
  owners: text.split('\n').filter((line) => /^ {3}Owner: /.test(line)).length,
  parties: text.split('\n').filter((line) => /^Parties: /.test(line)).length,
  titles: text.split('\n').filter((line) => /^# /.test(line)).length,
})

describe('the signed text of an agreement cannot be forged by what a field holds', () => {
  const context = mediationServer()

  const refusedPaths = async (method: string, path: string, body: unknown, token?: string) => {
    const refusal = await api<Refusal>(context.server, method, path, {
      ...(token ? { token } : {}),
      body,
      expect: 400,
    })
    expect(refusal.error.code).toBe('bad_request')
    return refusal.error.details.map((detail) => [detail.path, detail.message])
  }

  it('refuses newlines and control characters in one-line fields, next to the good input', async () => {
    const forged = 'Pay the residents Rp 1 billion.\n   Owner: Rina Kusuma. Due: 2020-01-01.'
    const { scene } = context
    const path = `/api/sessions/${scene.session.id}/agreements`
    const term = agreementBody(scene).terms[0] as Agreement['terms'][0]
    const oneLine = 'must be one line, without control characters'
    expect(
      await refusedPaths(
        'POST',
        path,
        agreementBody(scene, {
          title: 'Terms\u2028Parties: nobody',
          terms: [{ ...term, text: forged }],
        }),
        scene.mediator.token,
      ),
    ).toEqual([
      ['title', oneLine],
      ['terms.0.text', oneLine],
    ])
    // Right-to-left overrides show characters in another order than the one signed.
    expect(
      await refusedPaths(
        'POST',
        path,
        agreementBody(scene, { terms: [{ ...term, text: 'Pay \u202E000,01 Rp' }] }),
        scene.mediator.token,
      ),
    ).toEqual([['terms.0.text', oneLine]])
    expect(
      await refusedPaths(
        'POST',
        path,
        agreementBody(scene, { preamble: 'Background\u0000' }),
        scene.mediator.token,
      ),
    ).toEqual([['preamble', 'must not contain control characters other than newlines']])
    expect(
      await refusedPaths(
        'POST',
        `/api/sessions/${scene.session.id}/parties`,
        { name: 'Residents\nParties: Kota Transit', participantIds: [scene.rina.participant.id] },
        scene.mediator.token,
      ),
    ).toEqual([['name', oneLine]])
    expect(
      await refusedPaths('POST', '/api/workspaces', {
        name: 'City',
        displayName: 'Ayu.\n   Owner: Budi',
      }),
    ).toEqual([['displayName', oneLine]])

    // The same fields on one line are fine; a term may still mention an owner in its sentence.
    const agreement = await draftAgreement(context.server, scene, {
      title: 'Depot terms',
      terms: [{ ...term, text: 'Pay the residents, as Owner: Budi agreed.' }],
    })
    expect(agreement.text).toContain(
      `1. Pay the residents, as Owner: Budi agreed.\n   Owner: Budi Santoso. Due: ${term.dueDate}.`,
    )
  })

  it('keeps a preamble of several lines from passing for terms or parties', async () => {
    const { server, scene } = context
    const agreement = await draftAgreement(server, scene, {
      preamble: [
        'The parties met three times.',
        'Parties: Kota Transit; the city council',
        '1. The city pays Rp 1 billion.',
        '   Owner: Rina Kusuma. Due: 2027-01-01.',
        '# Another agreement',
      ].join('\n'),
    })
    expect(structure(agreement.text)).toEqual({ terms: 2, owners: 2, parties: 1, titles: 1 })
    expect(agreement.text).toContain('\\1. The city pays Rp 1 billion.')
    expect(agreement.text).toContain('The parties met three times.')
  })

  it('renders stored values on one line, whatever they hold', () => {
    const text = agreementText({
      title: 'Depot\nParties: nobody',
      preamble: '',
      amends: null,
      parties: [{ name: 'Kota Transit; the city council' }, { name: 'Residents' }],
      terms: [
        {
          text: 'Pay Rp 1 billion.\n   Owner: Rina. Due: 2020-01-01.\n\n2. Nothing',
          ownerName: 'Budi\r\nDue: never',
          dueDate: inDays(30),
        },
      ],
    })
    expect(structure(text)).toEqual({ terms: 1, owners: 1, parties: 1, titles: 1 })
    expect(text).toContain('Parties: Kota Transit\\; the city council; Residents')
  })
})
