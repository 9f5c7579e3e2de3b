import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'
import type { WebhookTransport } from '../domain/webhooks/ports.js'

/** Addresses a webhook must not reach unless allowed: this machine and networks not public. */
const notPublic = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv6')
}

/** Whether `address` is loopback, private, link-local, shared, multicast or unspecified. */
export const isNotPublic = (address: string): boolean => {
  // An IPv4 address written in IPv6 (::ffff:10.0.0.1) is judged as the IPv4 one.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  if (mapped) return notPublic.check(mapped, 'ipv4')
  const family = isIP(address)
  if (family === 4) return notPublic.check(address, 'ipv4')
  if (family === 6) return notPublic.check(address, 'ipv6')
  return true
}

export interface WebhookTransportOptions {
  allowPrivate: boolean
  timeoutMs: number
}

/**
 * Webhooks' way out: the address check against server-side request forgery (every address the
 * name resolves to must be public, unless WEBHOOK_ALLOW_PRIVATE=1), and the POST itself, with a
 * timeout and no redirects followed (a redirect could lead anywhere; it counts as a failure).
 */
export const createWebhookTransport = (options: WebhookTransportOptions): WebhookTransport => ({
  refusal: async (url) => {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return 'not a URL'
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      return 'only http and https URLs'
    }
    if (parsed.username || parsed.password) return 'credentials in the URL are not accepted'
    if (options.allowPrivate) return undefined
    const host = parsed.hostname.replace(/^\[|\]$/g, '')
    let addresses: string[]
    try {
      addresses = isIP(host)
        ? [host]
        : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address)
    } catch {
      return `the name ${host} does not resolve`
    }
    const inside = addresses.find(isNotPublic)
    return inside
      ? `${host} is a loopback or private address (${inside}); set WEBHOOK_ALLOW_PRIVATE=1 to allow such addresses`
      : undefined
  },
  post: async (url, headers, body) => {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    await response.body?.cancel()
    return response.status
  },
})
