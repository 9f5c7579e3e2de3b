import { isIP } from 'node:net'

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is `127.0.0.1`. */
const plain = (address: string): string =>
  address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address

/**
 * The addresses of the reverse proxies in front of the server (`TRUSTED_PROXIES`). Behind a proxy
 * every request comes from the proxy's address, so every per-address limit would be one limit
 * for everyone: one client guessing invite codes or holding sockets would lock everybody out.
 */
export type TrustedProxies = ReadonlySet<string>

export const trustedProxies = (addresses: readonly string[]): TrustedProxies =>
  new Set(addresses.map(plain))

/**
 * Who is asking: the socket's peer, or, when that peer is a trusted proxy, the nearest address
 * in `X-Forwarded-For` that is not a trusted proxy. Read from the right: a proxy appends the
 * address it saw, so entries to the left of it are whatever the client chose to send.
 */
export const clientAddress = (
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string => {
  let address = peer ? plain(peer) : 'unknown'
  if (!trusted.has(address) || forwardedFor === undefined) return address
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((hop) => plain(hop.trim()))
  while (trusted.has(address)) {
    const next = hops.pop()
    if (next === undefined || isIP(next) === 0) return address
    address = next
  }
  return address
}
