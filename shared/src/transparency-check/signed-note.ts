import { fromBase64, toHex } from './base64.js'
import { sha256, subtle, utf8 } from './platform.js'

/**
 * C2SP signed-note (https://c2sp.org/signed-note), Ed25519 keys only: text, a blank line, then
 * signature lines "— <name> base64(keyID || signature)". Written from the specification text.
 */

const ed25519Type = 0x01
const ed25519KeyLength = 32
const ed25519SignatureLength = 64
const signaturePrefix = '\u2014 '
/** A name has no Unicode spaces and no "+" (signed-note, "Format"). */
const validName = /^[^\s+]+$/u
/** A bound on the note read, well past any checkpoint: the signed-note spec asks verifiers for one. */
const maxSignatures = 64

export interface VerifierKey {
  name: string
  /** The 32-bit key ID as 8 lowercase hex digits, as written in the vkey. */
  keyId: string
  publicKey: Uint8Array
  /** The vkey as given, for pinning and display. */
  text: string
}

/** SHA-256(name || 0x0A || 0x01 || public key)[:4], the key ID the specification recommends. */
export const ed25519KeyId = async (name: string, publicKey: Uint8Array): Promise<string> =>
  toHex((await sha256(utf8(name), Uint8Array.of(0x0a, ed25519Type), publicKey)).subarray(0, 4))

/**
 * Reads "<name>+<hex key ID>+<base64(0x01 || public key)>" and checks that the ID is the one the
 * key's name and bytes give. Anything else — another signature type included — is refused.
 */
export const parseVerifierKey = async (text: string): Promise<VerifierKey> => {
  // The base64 part may itself hold "+": only the first two separate the parts.
  const [name = '', keyId, ...rest] = text.trim().split('+')
  if (keyId === undefined || rest.length === 0) {
    throw new Error('a verifier key has three parts separated by "+"')
  }
  const encoded = rest.join('+')
  if (!validName.test(name)) throw new Error('the verifier key has no valid name')
  if (!/^[0-9a-f]{8}$/.test(keyId)) throw new Error('the verifier key ID is not 8 hex digits')
  const material = fromBase64(encoded)
  if (!material || material.length !== 1 + ed25519KeyLength || material[0] !== ed25519Type) {
    throw new Error('the verifier key is not an Ed25519 key (type 0x01 and 32 bytes)')
  }
  const publicKey = material.subarray(1)
  if ((await ed25519KeyId(name, publicKey)) !== keyId) {
    throw new Error('the verifier key ID does not match its name and public key')
  }
  return { name, keyId, publicKey, text: text.trim() }
}

export interface NoteSignature {
  name: string
  keyId: string
  signature: Uint8Array
}

export interface Note {
  /** The signed text, final newline included. */
  text: string
  signatures: NoteSignature[]
}

/** Splits a signed note into its text and signature lines; throws on anything malformed. */
export const parseNote = (note: string): Note => {
  // "Signed notes MUST NOT contain any ASCII control characters … other than newline."
  for (const char of note) {
    if (char < ' ' && char !== '\n') throw new Error('the note contains a control character')
  }
  const split = note.lastIndexOf('\n\n')
  if (split < 0 || !note.endsWith('\n')) throw new Error('the note has no signature block')
  const text = note.slice(0, split + 1)
  const lines = note.slice(split + 2, -1).split('\n')
  if (lines.length > maxSignatures) throw new Error('the note has too many signatures')
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(signaturePrefix)) throw new Error('a signature line does not start "— "')
    const [name = '', encoded = '', ...extra] = line.slice(signaturePrefix.length).split(' ')
    const bytes = fromBase64(encoded)
    if (extra.length > 0 || !validName.test(name) || !bytes || bytes.length < 5) {
      throw new Error('a signature line is malformed')
    }
    return { name, keyId: toHex(bytes.subarray(0, 4)), signature: bytes.subarray(4) }
  })
  if (text.length === 0) throw new Error('the note has no text')
  return { text, signatures }
}

/**
 * The note's text when a signature by `key` verifies over it. Signatures by other keys are
 * ignored, as the specification requires (they may be witnesses' cosignatures); one by this key
 * that fails, or none at all, throws.
 */
export const openNote = async (note: string, key: VerifierKey): Promise<string> => {
  const parsed = parseNote(note)
  const ours = parsed.signatures.filter(
    (signature) => signature.name === key.name && signature.keyId === key.keyId,
  )
  if (ours.length === 0) throw new Error(`the note is not signed by the key ${key.name}`)
  const cryptoKey = await subtle().importKey('raw', key.publicKey, { name: 'Ed25519' }, false, [
    'verify',
  ])
  const message = utf8(parsed.text)
  for (const { signature } of ours) {
    const valid =
      signature.length === ed25519SignatureLength &&
      (await subtle().verify({ name: 'Ed25519' }, cryptoKey, signature, message))
    if (!valid) throw new Error(`the signature by ${key.name} does not verify`)
  }
  return parsed.text
}
