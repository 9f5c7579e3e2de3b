import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApp, startApp } from '../../server/src/app.js'
import { defaultConfig } from '../../server/src/config.js'
import { createLogger } from '../../server/src/observability/logger.js'
import { Permission } from '../../shared/src/protocol/permission.js'
import { connectClient, destroyClients, readRoom, waitForSynced } from '../helpers/clients.js'
import { makeDataDir, removeDataDirs } from '../helpers/server.js'
import { readMetric } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

/**
 * The authorize seam, exercised in-process with a stand-in policy (the identity issue plugs in
 * the real one): `?as=reader` gets read permission, anything else write.
 */
describe('read-only connections', () => {
  let app: RunningApp
  let server: { syncUrl: string; httpUrl: string }
  beforeAll(async () => {
    app = await startApp(
      defaultConfig({ PORT: 0, DATA_DIR: makeDataDir(), LOG_LEVEL: 'silent' }),
      createLogger('silent'),
      {
        authorize: async ({ url }) =>
          url.searchParams.get('as') === 'reader' ? Permission.read : Permission.write,
      },
    )
    server = {
      syncUrl: `ws://127.0.0.1:${app.port}/sync`,
      httpUrl: `http://127.0.0.1:${app.port}`,
    }
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await app.close()
    removeDataDirs()
  })

  it("never applies a read-only connection's edits, while it still receives everyone else's", async () => {
    const writer = connectClient(server, 'read-only')
    const reader = connectClient(server, 'read-only', { params: { as: 'reader' } })
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])

    writer.doc.getText('plan').insert(0, 'from the writer. ')
    await waitFor(
      () => reader.doc.getText('plan').toString() === 'from the writer. ',
      'the reader to receive the writer',
    )
    const dropped = await readMetric(server.httpUrl, 'mufakat_readonly_updates_dropped_total')
    reader.doc.getText('plan').insert(0, 'from the reader. ')
    await waitFor(
      async () =>
        (await readMetric(server.httpUrl, 'mufakat_readonly_updates_dropped_total')) > dropped,
      'the reader update to be dropped',
    )
    writer.doc.getText('plan').insert(0, 'more. ')
    await waitFor(
      () => reader.doc.getText('plan').toString().includes('more. '),
      'the next writer edit',
    )
    expect(writer.doc.getText('plan').toString()).toBe('more. from the writer. ')
    // The reader's sync step 2 on reconnect is dropped as well.
    reader.provider.disconnect()
    reader.provider.connect()
    await waitForSynced(reader)
    expect(await readRoom(server, 'read-only', { texts: ['plan'] })).toEqual({
      plan: 'more. from the writer. ',
    })
  })
})
