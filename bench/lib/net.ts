import { request } from 'node:http'
import { createServer } from 'node:net'
import type { Tracked } from './children.js'
import { now, sleep } from './time.js'

/** Asks the kernel for a free loopback port. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

export interface HttpAnswer {
  status: number
  body: string
}

export interface HttpOptions {
  method?: string
  /** Sent as JSON. */
  json?: unknown
  headers?: Record<string, string>
  timeoutMs?: number
}

export const httpRequest = (url: string, options: HttpOptions = {}): Promise<HttpAnswer> =>
  new Promise((resolve, reject) => {
    const body = options.json === undefined ? undefined : JSON.stringify(options.json)
    const headers: Record<string, string> = { ...options.headers }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const req = request(
      url,
      { method: options.method ?? 'GET', headers, timeout: options.timeoutMs ?? 5000 },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      },
    )
    req.on('timeout', () => req.destroy(new Error(`${options.method ?? 'GET'} ${url} timed out`)))
    req.on('error', reject)
    req.end(body)
  })

export const httpGet = (url: string, timeoutMs = 5000): Promise<HttpAnswer> =>
  httpRequest(url, { timeoutMs })

/** Polls `url` until it answers 200; fails early when the process dies. */
export const waitForHttpOk = async (
  url: string,
  tracked: Tracked,
  timeoutMs: number,
): Promise<void> => {
  const start = now()
  let exited = false
  void tracked.exited.then(() => {
    exited = true
  })
  let lastError = ''
  while (now() - start < timeoutMs) {
    if (exited) throw new Error(`process exited before ${url} answered:\n${tracked.tail()}`)
    try {
      const answer = await httpGet(url, 1000)
      if (answer.status === 200) return
      lastError = `status ${answer.status}`
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error)
    }
    await sleep(50)
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${lastError}):\n${tracked.tail()}`)
}
