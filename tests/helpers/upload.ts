import { readFileSync } from 'node:fs'
import { request } from 'node:http'

export interface Upload {
  status: number
  body: string
  /** Bytes of the body written before the answer arrived. */
  sentBeforeAnswer: number
}

/**
 * Sends a body of `totalBytes` (JSON-looking filler) in 64 KiB chunks, with Content-Length or,
 * when `chunked`, streamed without it; stops writing as soon as the server answers, as a client
 * refused early would. Only a server that reads the body makes us send all of it.
 */
export const upload = (
  url: string,
  options: { totalBytes: number; chunked: boolean; headers?: Record<string, string> },
): Promise<Upload> =>
  new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, ' ')
    const chunks = Math.ceil(options.totalBytes / chunk.length)
    const [opening, closing] = ['{"role":"stakeholder","filler":"', '"}']
    const length = opening.length + chunks * chunk.length + closing.length
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.chunked ? {} : { 'content-length': String(length) }),
        ...options.headers,
      },
    })
    let sent = 0
    let answered = false
    req.on('response', (response) => {
      answered = true
      const sentBeforeAnswer = sent
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (text: string) => {
        body += text
      })
      response.on('end', () => {
        req.destroy()
        resolve({ status: response.statusCode ?? 0, body, sentBeforeAnswer })
      })
    })
    req.on('error', (error) => {
      if (!answered) reject(error)
    })
    req.write(opening)
    let written = 0
    const pump = (): void => {
      while (!answered && written < chunks) {
        written += 1
        sent += chunk.length
        if (!req.write(chunk)) {
          req.once('drain', pump)
          return
        }
      }
      if (!answered) req.end(closing)
    }
    pump()
  })

/** The resident memory of a process, in bytes (`VmRSS` of /proc/<pid>/status). */
export const residentBytes = (pid: number): number => {
  const kib = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  if (!kib) throw new Error(`no VmRSS for process ${pid}`)
  return Number(kib) * 1024
}
