import { afterAll, afterEach, beforeAll } from 'vitest'
import { destroyClients } from './clients.js'
import { removeDataDirs, type ServerOptions, startServer, type TestServer } from './server.js'
import { Site } from './site.js'

/**
 * One server and one workspace for a describe block, with the hooks that start them and clean
 * up after it: clients after each test, the server and its data after all. Read its fields
 * inside tests (they are set in `beforeAll`).
 */
export const siteForSuite = (options: ServerOptions = {}): { server: TestServer; site: Site } => {
  const suite = {} as { server: TestServer; site: Site }
  beforeAll(async () => {
    suite.server = await startServer(options)
    suite.site = await Site.open(suite.server)
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await suite.server.stop()
    await removeDataDirs()
  })
  return suite
}
