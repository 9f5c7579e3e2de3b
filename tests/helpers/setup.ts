import { afterAll } from 'vitest'
import { killServers } from './server.js'

// Whatever a test file left running ends with it.
afterAll(() => killServers())
