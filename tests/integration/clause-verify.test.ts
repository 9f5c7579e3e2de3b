import { afterAll, expect, it } from 'vitest'
import { destroyClients } from '../helpers/clients.js'
import { decideClause } from '../helpers/decided-clause.js'
import { forgetCheckpoints, publish, restart, rewriteChain } from '../helpers/log-tamper.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { runVerifier } from '../helpers/verifier.js'

afterAll(async () => {
  destroyClients()
  await removeDataDirs()
})

/**
 * A decision on a clause names its text and the SHA-256 of that text. An operator who rewrites
 * the clause in the record, recomputes the chain and has the server sign it before anyone looked
 * passes the log's own checks; mufakat-verify must still see that the clause shown is not the
 * text its hash names (the hash a party kept of what they consented to).
 */
describeSqliteOnly('mufakat-verify and a clause rewritten in its decision', () => {
  it('passes the honest clause decision and catches its text rewritten under the same hash', async () => {
    const server = await startServer()
    const site = await Site.open(server)
    await decideClause(server, site)
    const scene = { server, site, publicUrl: await publish(server, site) }
    const honest = await runVerifier([scene.publicUrl])
    expect(honest, honest.stderr).toMatchObject({ code: 0 })

    await restart(scene, (db) => {
      rewriteChain(db, site.workspaceId, (content) => {
        const passage = content.passage as { text: string } | undefined
        if (passage) passage.text = 'Trams never reach the north.'
      })
      forgetCheckpoints(db, site.workspaceId)
    })
    const feed = await (await fetch(scene.publicUrl.replace('/p/', '/api/public/'))).text()
    expect(feed).toContain('Trams never reach the north.')
    const caught = await runVerifier([scene.publicUrl])
    expect(caught.code).toBe(1)
    expect(caught.stderr).toMatch(/^NOT VERIFIED .*clause.*not the text whose hash it holds/)
    await scene.server.stop()
  })
})
