import { existsSync } from 'node:fs'
import { serverEntry } from './server.js'

/** Tests run the built server, exactly as `npm start` does; `npm test` builds it first. */
export default function setup(): void {
  if (!existsSync(serverEntry)) {
    throw new Error(`${serverEntry} is missing: run \`npm run build\` (npm test does) first`)
  }
}
