/**
 * The few Web platform pieces the checker needs, reached through `globalThis`: `shared/` is
 * compiled without DOM and Node types (so nothing here can lean on `Buffer` or `window`), yet
 * Node 20 and every current browser provide Web Crypto (SHA-256 and Ed25519) and the UTF-8 codec.
 * The interfaces name only what is used, so a reader sees the checker's whole trusted base.
 */
interface CheckerCryptoKey {
  readonly type: string
}

interface CheckerSubtleCrypto {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: { name: 'Ed25519' },
    extractable: false,
    usages: ['verify'],
  ): Promise<CheckerCryptoKey>
  verify(
    algorithm: { name: 'Ed25519' },
    key: CheckerCryptoKey,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>
}

interface CheckerPlatform {
  crypto?: { subtle?: CheckerSubtleCrypto }
  TextEncoder?: new () => { encode(text: string): Uint8Array }
  TextDecoder?: new (
    label: 'utf-8',
    options: { fatal: true },
  ) => { decode(bytes: Uint8Array): string }
}

const platform = globalThis as CheckerPlatform

const required = <T>(value: T | undefined, name: string): T => {
  if (value === undefined) throw new Error(`${name} is not available in this JavaScript runtime`)
  return value
}

export const subtle = (): CheckerSubtleCrypto =>
  required(platform.crypto?.subtle, 'Web Crypto (crypto.subtle)')

export const utf8 = (text: string): Uint8Array =>
  new (required(platform.TextEncoder, 'TextEncoder'))().encode(text)

/** Strict: a byte sequence that is not UTF-8 throws instead of turning into U+FFFD. */
export const fromUtf8 = (bytes: Uint8Array): string =>
  new (required(platform.TextDecoder, 'TextDecoder'))('utf-8', { fatal: true }).decode(bytes)

export const sha256 = async (...parts: readonly Uint8Array[]): Promise<Uint8Array> =>
  new Uint8Array(await subtle().digest('SHA-256', concatBytes(...parts)))

export const concatBytes = (...parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

export const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, index) => byte === b[index])
