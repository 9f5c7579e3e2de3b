import { fromBase64 } from './base64.js'

/**
 * The body of a C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): origin, tree size in
 * decimal without leading zeroes, base64 root hash, then optional non-empty extension lines.
 */
export interface Checkpoint {
  origin: string
  size: number
  rootHash: Uint8Array
  extensions: string[]
}

export const parseCheckpoint = (text: string): Checkpoint => {
  if (!text.endsWith('\n')) throw new Error('the checkpoint does not end with a newline')
  const [origin = '', size = '', root = '', ...extensions] = text.slice(0, -1).split('\n')
  if (origin.length === 0) throw new Error('the checkpoint has no origin line')
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new Error('the checkpoint tree size is not a decimal number')
  }
  const rootHash = fromBase64(root)
  if (rootHash?.length !== 32) {
    throw new Error('the checkpoint root hash is not 32 bytes of base64')
  }
  if (extensions.some((line) => line.length === 0)) {
    throw new Error('the checkpoint has an empty extension line')
  }
  return { origin, size: Number(size), rootHash, extensions }
}
