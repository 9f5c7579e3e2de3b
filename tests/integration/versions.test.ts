import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ErrorBody } from '../../shared/src/errors.js'
import type { BlockChange, Version } from '../../shared/src/schema/version.js'
import { nodeToYjs, type ProseMirrorNode } from '../../shared/src/ydoc/prosemirror-json.js'
import { readRestoreNotices } from '../../shared/src/ydoc/restore-notices.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { blocksOf, heading, paragraph, saved, text, write } from '../helpers/plan-text.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

describe('versions of a plan', () => {
  let server: TestServer
  let site: Site
  beforeAll(async () => {
    server = await startServer()
    site = await Site.open(server)
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  const open = async (title: string, token = site.token) => {
    const document = await site.document(title)
    const client = connectClient(server, document.room, { params: { token } })
    await waitForSynced(client)
    return { document, client }
  }
  it('saves a named version that reads back as ProseMirror JSON, Markdown and plain text', async () => {
    const { document, client } = await open('vision')
    const { client: other } = await open('vision')
    write(client, [
      heading(2, 'Smart mobility'),
      paragraph(text('Bus lanes on '), text('every', [{ type: 'bold' }]), text(' arterial road.')),
    ])
    await saved(client, other)
    const { version } = await api<{ version: Version }>(
      server,
      'POST',
      `/api/documents/${document.id}/versions`,
      {
        token: site.token,
        body: { name: 'Draft for the 3 March workshop' },
      },
    )
    expect(version).toMatchObject({
      name: 'Draft for the 3 March workshop',
      kind: 'named',
      documentId: document.id,
    })
    expect(version.contentHash).toMatch(/^[0-9a-f]{64}$/)

    const json = await api<{ content: ProseMirrorNode }>(
      server,
      'GET',
      `/api/documents/${document.id}/versions/${version.id}`,
      { token: site.token },
    )
    expect(json.content).toEqual({ type: 'doc', content: blocksOf(client) })
    const markdown = await fetch(
      `${server.httpUrl}/api/documents/${document.id}/versions/${version.id}?format=md`,
      {
        headers: { authorization: `Bearer ${site.token}` },
      },
    )
    expect(await markdown.text()).toBe(
      '## Smart mobility\n\nBus lanes on **every** arterial road.\n',
    )
    const plain = await fetch(
      `${server.httpUrl}/api/documents/${document.id}/versions/${version.id}?format=text`,
      {
        headers: { authorization: `Bearer ${site.token}` },
      },
    )
    expect(await plain.text()).toBe('Smart mobility\n\nBus lanes on every arterial road.\n')

    // Versions are immutable: later edits do not change them.
    write(client, [paragraph(text('rewritten'))])
    await saved(client, other)
    const again = await api<{ content: ProseMirrorNode }>(
      server,
      'GET',
      `/api/documents/${document.id}/versions/${version.id}`,
      { token: site.token },
    )
    expect(again.content).toEqual(json.content)
  })

  it('refuses bad input and the wrong people, next to the good input', async () => {
    const document = await site.document('guarded versions')
    const path = `/api/documents/${document.id}/versions`
    const observer = await site.join('observer', 'Oki', 'media')
    const other = await Site.open(server, 'Another city')
    const refusals: [string, number, string, { token?: string; body?: unknown }][] = [
      ['no token', 401, 'unauthorized', { body: { name: 'x' } }],
      ['a forged token', 401, 'unauthorized', { token: 'forged', body: { name: 'x' } }],
      ['an observer', 403, 'forbidden', { token: observer.token, body: { name: 'x' } }],
      ['another workspace', 403, 'forbidden', { token: other.token, body: { name: 'x' } }],
      ['an empty name', 400, 'bad_request', { token: site.token, body: { name: ' ' } }],
    ]
    for (const [what, status, code, options] of refusals) {
      const body = ErrorBody.parse(await api(server, 'POST', path, { ...options, expect: status }))
      expect(body.error.code, what).toBe(code)
    }
    await api(server, 'POST', path, { token: site.token, body: { name: 'fine' } })
    const list = await api<{ versions: Version[] }>(server, 'GET', path, { token: observer.token })
    expect(list.versions.map((version) => version.name)).toEqual(['fine'])
    await api(server, 'GET', `/api/documents/nope/versions`, { token: site.token, expect: 404 })
    await api(server, 'GET', `${path}/nope`, { token: site.token, expect: 404 })
    await api(server, 'GET', `${path}/x?format=pdf`, { token: site.token, expect: 400 })
  })

  it('compares versions by block, marking the words that changed', async () => {
    const { document, client } = await open('compare')
    const { client: other } = await open('compare')
    write(client, [
      heading(2, 'Smart mobility'),
      paragraph(text('Bus lanes on every arterial road.')),
      paragraph(text('Park and ride at the toll gates.')),
    ])
    await saved(client, other)
    const { version } = await api<{ version: Version }>(
      server,
      'POST',
      `/api/documents/${document.id}/versions`,
      {
        token: site.token,
        body: { name: 'before' },
      },
    )
    write(client, [
      heading(2, 'Smart mobility'),
      paragraph(text('Bus lanes on two arterial roads.')),
      paragraph(text('Bicycle parking at every station.')),
    ])
    await saved(client, other)
    const { changes } = await api<{ changes: BlockChange[] }>(
      server,
      'GET',
      `/api/documents/${document.id}/compare?from=${version.id}&to=live`,
      { token: site.token },
    )
    // Everything changed was written, and removed, by the facilitator.
    const by = [
      {
        kind: 'participant',
        participantId: site.created.participant.id,
        displayName: 'Fasilitator',
      },
    ]
    expect(changes).toEqual([
      { op: 'same', type: 'heading', before: 'Smart mobility', after: 'Smart mobility' },
      {
        op: 'changed',
        type: 'paragraph',
        before: 'Bus lanes on every arterial road.',
        after: 'Bus lanes on two arterial roads.',
        words: [
          { op: 'same', text: 'Bus lanes on ' },
          { op: 'removed', text: 'every ', by },
          { op: 'added', text: 'two ', by },
          { op: 'same', text: 'arterial ' },
          { op: 'removed', text: 'road.', by },
          { op: 'added', text: 'roads.', by },
        ],
        insertedBy: by,
        removedBy: by,
      },
      {
        op: 'changed',
        type: 'paragraph',
        before: 'Park and ride at the toll gates.',
        after: 'Bicycle parking at every station.',
        words: [
          { op: 'removed', text: 'Park and ride ', by },
          { op: 'added', text: 'Bicycle parking ', by },
          { op: 'same', text: 'at ' },
          { op: 'removed', text: 'the toll gates.', by },
          { op: 'added', text: 'every station.', by },
        ],
        insertedBy: by,
        removedBy: by,
      },
    ])
  })

  it('restores a version for everyone connected, keeping comments on surviving passages anchored', async () => {
    const { document, client: alice } = await open('restore')
    const bob = connectClient(server, document.room, { params: { token: site.token } })
    await waitForSynced(bob)
    const original = [
      heading(2, 'Smart environment'),
      paragraph(text('Plant 10,000 trees along the river.')),
      paragraph(text('Close the landfill by 2028.')),
    ]
    write(alice, original)
    await saved(alice, bob)
    const { version } = await api<{ version: Version }>(
      server,
      'POST',
      `/api/documents/${document.id}/versions`,
      {
        token: site.token,
        body: { name: 'agreed' },
      },
    )
    // A comment anchored on "10,000 trees", as the comments room stores it.
    const treesText = (alice.doc.getXmlFragment('default').get(1) as Y.XmlElement).get(
      0,
    ) as Y.XmlText
    const anchor = Y.createRelativePositionFromTypeIndex(treesText, 'Plant '.length)

    const fragment = alice.doc.getXmlFragment('default')
    alice.doc.transact(() => {
      fragment.delete(2, 1)
      fragment.insert(2, [nodeToYjs(paragraph(text('Keep the landfill open.')))])
      fragment.insert(3, [nodeToYjs(paragraph(text('A new paragraph nobody agreed to.')))])
    })
    await saved(alice, bob)

    const { savedBefore } = await api<{ savedBefore: Version }>(
      server,
      'POST',
      `/api/documents/${document.id}/versions/${version.id}/restore`,
      { token: site.token, expect: 200 },
    )
    expect(savedBefore.kind).toBe('before-restore')
    for (const client of [alice, bob]) {
      await waitFor(
        () => JSON.stringify(blocksOf(client)) === JSON.stringify(original),
        'both clients to hold the restored text',
      )
    }
    const resolved = Y.createAbsolutePositionFromRelativePosition(anchor, alice.doc)
    expect(resolved?.type).toBe(treesText)
    expect(treesText.toString().slice(resolved?.index ?? 0)).toBe('10,000 trees along the river.')
    // The state before the restore is kept as a version of its own.
    const before = await api<{ content: ProseMirrorNode }>(
      server,
      'GET',
      `/api/documents/${document.id}/versions/${savedBefore.id}`,
      { token: site.token },
    )
    expect(JSON.stringify(before.content)).toContain('A new paragraph nobody agreed to.')
    // Everyone with the document open is told, in the same change as the text, who restored what.
    for (const client of [alice, bob]) {
      expect(readRestoreNotices(client.doc)).toEqual([
        {
          version: version.id,
          savedBefore: savedBefore.id,
          by: site.created.participant.id,
          at: expect.any(String),
        },
      ])
    }
    const edited = JSON.stringify(before.content)
    // Undo is restoring the version saved just before: the edited text is back.
    await api(server, 'POST', `/api/documents/${document.id}/versions/${savedBefore.id}/restore`, {
      token: site.token,
      expect: 200,
    })
    await waitFor(
      () => JSON.stringify({ type: 'doc', content: blocksOf(bob) }) === edited,
      'the text before the restore to come back',
    )
    expect(readRestoreNotices(bob.doc).map((notice) => notice.version)).toEqual([
      version.id,
      savedBefore.id,
    ])
    const entries = await site.audit()
    expect(entries.map((entry) => entry.action)).toContain('document.restored')
  })

  it('exports markup and script-like text inert, as Markdown, printable HTML and JSON', async () => {
    const { document, client } = await open('hostile')
    const { client: other } = await open('hostile')
    write(client, [
      heading(1, '<script>alert("title")</script>'),
      paragraph(
        text('<img src=x onerror=alert(1)> and '),
        text('a link', [{ type: 'link', attrs: { href: 'javascript:alert(2)' } }]),
        text(' and '),
        text('a good one', [{ type: 'link', attrs: { href: 'https://bandung.go.id/plan' } }]),
      ),
    ])
    await saved(client, other)
    const get = (format: string) =>
      fetch(`${server.httpUrl}/api/documents/${document.id}/export?format=${format}`, {
        headers: { authorization: `Bearer ${site.token}` },
      })
    const html = await get('html')
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(html.headers.get('content-disposition')).toContain('attachment')
    const page = await html.text()
    expect(page).not.toMatch(/<script|<img|javascript:/i)
    expect(page).toContain('&#60;script&#62;')
    expect(page).toContain(
      '<a href="https://bandung.go.id/plan" rel="noopener noreferrer">a good one</a>',
    )
    const markdown = await (await get('md')).text()
    // Every markup character is backslash-escaped, so a Markdown renderer shows it as text.
    expect(markdown).not.toMatch(/(^|[^\\])<(script|img)|javascript:/i)
    expect(markdown).toContain('\\<script\\>')
    expect(markdown).toContain('[a good one](<https://bandung.go.id/plan>)')
    const json = (await (await get('json')).json()) as { content: ProseMirrorNode }
    expect(json.content.content?.[0]?.content?.[0]?.text).toBe('<script>alert("title")</script>')
  })

  it('exports a code block inside a fence no line of the code can close', async () => {
    const { document, client } = await open('code')
    const { client: other } = await open('code')
    const code = (value: string): ProseMirrorNode => ({ type: 'codeBlock', content: [text(value)] })
    write(client, [
      code('npm start'),
      code('```\n<img src=x onerror=alert(1)>\n# not a heading\n`````'),
      paragraph(text('After the code.')),
    ])
    await saved(client, other)
    const response = await fetch(
      `${server.httpUrl}/api/documents/${document.id}/export?format=md`,
      {
        headers: { authorization: `Bearer ${site.token}` },
      },
    )
    expect(await response.text()).toBe(
      [
        '```\nnpm start\n```',
        '``````\n```\n<img src=x onerror=alert(1)>\n# not a heading\n`````\n``````',
        'After the code.\n',
      ].join('\n\n'),
    )
  })

  it('shows who edited a document, in sessions and by stakeholder group', async () => {
    const citra = await site.join('stakeholder', 'Citra', 'academia')
    const { document, client: facilitator } = await open('activity')
    const { client: academic } = await open('activity', citra.token)
    facilitator.doc.getXmlFragment('default').insert(0, [nodeToYjs(paragraph(text('one')))])
    await saved(facilitator, academic)
    academic.doc.getXmlFragment('default').insert(1, [nodeToYjs(paragraph(text('two')))])
    await saved(academic, facilitator)
    const activity = await api<{
      sessions: { displayName: string; group: string; updates: number }[]
      byGroup: Record<string, number>
    }>(server, 'GET', `/api/documents/${document.id}/activity`, { token: citra.token })
    expect(activity.sessions.map((session) => [session.displayName, session.group]).sort()).toEqual(
      [
        ['Citra', 'academia'],
        ['Fasilitator', 'government'],
      ],
    )
    expect(activity.byGroup.academia).toBeGreaterThanOrEqual(1)
    expect(activity.byGroup.government).toBeGreaterThanOrEqual(1)
  })
})
