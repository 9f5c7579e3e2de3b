import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'

/** The log's signing key in DATA_DIR, PKCS#8 PEM, readable by the server's user alone. */
export const signingKeyFileName = 'log-signing-key.pem'

const fileMode = 0o600

/**
 * An Ed25519 private key from PKCS#8 PEM (`openssl genpkey -algorithm ed25519`) or from the
 * base64 of its DER on one line (what fits in an environment variable). Throws on anything else.
 */
export const parseSigningKey = (text: string): KeyObject => {
  const trimmed = text.trim()
  const key = trimmed.startsWith('-----BEGIN')
    ? createPrivateKey(trimmed)
    : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' })
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`an Ed25519 key is needed, not ${key.asymmetricKeyType ?? 'this key'}`)
  }
  return key
}

const writePrivately = (path: string, text: string): void => {
  const partial = `${path}.partial`
  rmSync(partial, { force: true })
  const fd = openSync(partial, 'wx', fileMode)
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(partial, path)
  const dir = openSync(join(path, '..'), 'r')
  try {
    fsyncSync(dir)
  } finally {
    closeSync(dir)
  }
}

/**
 * The key in `dataDir`, created on first start. An existing file is never replaced: a key that
 * cannot be read stops the server rather than start a new log identity nobody has pinned.
 */
export const loadOrCreateSigningKey = (dataDir: string): KeyObject => {
  const path = join(dataDir, signingKeyFileName)
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('ed25519')
    writePrivately(path, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString())
  }
  chmodSync(path, fileMode)
  try {
    return parseSigningKey(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(`${path} does not hold an Ed25519 private key: ${String(error)}`)
  }
}
