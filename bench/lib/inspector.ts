import WebSocket from 'ws'
import { httpGet } from './net.js'

interface InspectorTarget {
  webSocketDebuggerUrl?: string
}

/**
 * Forces a full garbage collection in a Node process started with
 * `--inspect=127.0.0.1:<port>`, through the Chrome DevTools Protocol. This reaches every
 * target the same way and needs no hook inside the server.
 */
export const collectGarbage = async (inspectPort: number, timeoutMs = 10_000): Promise<void> => {
  const list = await httpGet(`http://127.0.0.1:${inspectPort}/json/list`)
  const targets = JSON.parse(list.body) as InspectorTarget[]
  const url = targets[0]?.webSocketDebuggerUrl
  if (url === undefined) throw new Error(`no inspector target on port ${inspectPort}`)
  const socket = new WebSocket(url, { perMessageDeflate: false })
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('HeapProfiler.collectGarbage timed out')),
        timeoutMs,
      )
      socket.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      socket.once('open', () => {
        socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }))
      })
      socket.on('message', (data: Buffer) => {
        const reply = JSON.parse(data.toString('utf8')) as {
          id?: number
          error?: { message: string }
        }
        if (reply.id !== 1) return
        clearTimeout(timer)
        if (reply.error !== undefined) reject(new Error(reply.error.message))
        else resolve()
      })
    })
  } finally {
    socket.terminate()
  }
}
