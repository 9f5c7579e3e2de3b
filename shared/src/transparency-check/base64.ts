/**
 * Standard base64 (RFC 4648 §4, with padding), strict: the checker compares what it decodes, so
 * it refuses anything a lenient decoder would quietly repair (missing padding, stray characters,
 * non-zero trailing bits) — two spellings of one hash must not both pass.
 */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const sextetOf = new Map([...alphabet].map((char, index) => [char, index]))

export const toBase64 = (bytes: Uint8Array): string => {
  let out = ''
  for (let at = 0; at < bytes.length; at += 3) {
    const [a = 0, b = 0, c = 0] = bytes.subarray(at, at + 3)
    const group = (a << 16) | (b << 8) | c
    const left = bytes.length - at
    out += alphabet[(group >> 18) & 63]
    out += alphabet[(group >> 12) & 63]
    out += left > 1 ? alphabet[(group >> 6) & 63] : '='
    out += left > 2 ? alphabet[group & 63] : '='
  }
  return out
}

/** The bytes, or undefined when `text` is not canonical standard base64. */
export const fromBase64 = (text: string): Uint8Array | undefined => {
  if (text.length % 4 !== 0) return undefined
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const out = new Uint8Array((text.length / 4) * 3 - padding)
  let at = 0
  for (let group = 0; group < text.length; group += 4) {
    let bits = 0
    for (let offset = 0; offset < 4; offset++) {
      const index = group + offset
      const char = text[index] ?? ''
      const isPad = index >= text.length - padding
      const value = isPad ? (char === '=' ? 0 : undefined) : sextetOf.get(char)
      if (value === undefined) return undefined
      bits = (bits << 6) | value
    }
    const bytes = [(bits >> 16) & 255, (bits >> 8) & 255, bits & 255]
    for (const byte of bytes) {
      if (at < out.length) out[at++] = byte
      // Bits beyond the last byte must be zero, or two texts would decode alike.
      else if (byte !== 0) return undefined
    }
  }
  return out
}

export const toHex = (bytes: Uint8Array): string =>
  [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')
