import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto'

/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519, carrying C2SP checkpoints
 * (https://c2sp.org/tlog-checkpoint). Plain functions: text and keys in, text out.
 */

/** The algorithm byte of an Ed25519 key in key IDs and verifier keys. */
const ed25519 = 0x01

/** The raw 32 bytes of an Ed25519 public key. */
export const rawPublicKey = (key: KeyObject): Buffer => {
  const { x } = key.export({ format: 'jwk' })
  if (key.asymmetricKeyType !== 'ed25519' || !x) throw new Error('not an Ed25519 key')
  return Buffer.from(x, 'base64url')
}

/** Key ID: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
export const keyId = (name: string, publicKey: KeyObject): Buffer =>
  createHash('sha256')
    .update(name)
    .update(Uint8Array.of(0x0a, ed25519))
    .update(rawPublicKey(publicKey))
    .digest()
    .subarray(0, 4)

/** The verifier key a monitor pins: `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`. */
export const verifierKey = (name: string, publicKey: KeyObject): string =>
  `${name}+${keyId(name, publicKey).toString('hex')}+${Buffer.concat([
    Uint8Array.of(ed25519),
    rawPublicKey(publicKey),
  ]).toString('base64')}`

/** The checkpoint body: origin line, tree size, base64 root hash, each ending in a newline. */
export const checkpointBody = (origin: string, size: number, root: Uint8Array): string =>
  `${origin}\n${size}\n${Buffer.from(root).toString('base64')}\n`

/** The body, a blank line, and one signature line `— <name> base64(key ID ‖ signature)`. */
export const signNote = (body: string, name: string, privateKey: KeyObject): string => {
  const publicKey = createPublicKey(privateKey)
  const signature = sign(null, Buffer.from(body, 'utf8'), privateKey)
  const line = Buffer.concat([keyId(name, publicKey), signature]).toString('base64')
  return `${body}\n\u2014 ${name} ${line}\n`
}

/**
 * The note's body when one of its signatures is by `name` with `publicKey` and verifies;
 * undefined otherwise (unsigned by this key, malformed, or altered).
 */
export const openNote = (note: string, name: string, publicKey: KeyObject): string | undefined => {
  const split = note.lastIndexOf('\n\n')
  if (split < 0 || !note.endsWith('\n')) return undefined
  const body = note.slice(0, split + 1)
  const id = keyId(name, publicKey)
  for (const line of note.slice(split + 2, -1).split('\n')) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const bytes = Buffer.from(match[2] as string, 'base64')
    if (bytes.length !== 4 + 64 || !bytes.subarray(0, 4).equals(id)) continue
    if (verify(null, Buffer.from(body, 'utf8'), publicKey, bytes.subarray(4))) return body
  }
  return undefined
}

/** A checkpoint body's three lines (extension lines after them are allowed and ignored). */
export const readCheckpoint = (
  body: string,
): { origin: string; size: number; root: Buffer } | undefined => {
  const [origin, size, root] = body.split('\n')
  if (!origin || !size || !root || !/^\d{1,15}$/.test(size)) return undefined
  const hash = Buffer.from(root, 'base64')
  return hash.length === 32 ? { origin, size: Number(size), root: hash } : undefined
}
