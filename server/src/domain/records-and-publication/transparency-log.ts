import { createPublicKey, type KeyObject } from 'node:crypto'
import { hostname } from 'node:os'
import { leafBytes } from '../../../../shared/src/schema/log-leaf.js'
import type { ChainRecord } from '../../../../shared/src/schema/record-chain.js'
import type { StoredCheckpoint } from '../../../../shared/src/schema/stored.js'
import type {
  ConsistencyProof,
  InclusionProof,
  LogEntries,
  SignedCheckpoint,
} from '../../../../shared/src/schema/transparency-log.js'
import {
  maxCheckpointsPerPage,
  maxEntriesPerPage,
} from '../../../../shared/src/schema/transparency-log.js'
import { DomainError } from '../domain-error.js'
import type { Repositories, Stores } from '../ports.js'
import { MerkleTree } from './merkle-tree.js'
import {
  checkpointBody,
  keyId,
  openNote,
  readCheckpoint,
  signNote,
  verifierKey,
} from './signed-note.js'

/** What the log signs with: the key, and the host that names every workspace's log. */
export interface LogSigning {
  privateKey: KeyObject
  /** Host (and port) of PUBLIC_URL, or the machine's name: the first part of each origin. */
  host: string
}

/** Where the stored records first differ from what the server signed. */
export interface LogProblem {
  id?: string
  sequence: number
  problem: string
}

/** The first part of every log's origin: PUBLIC_URL's host, or else the machine's name. */
export const logHost = (publicUrl: string | undefined): string =>
  publicUrl ? new URL(publicUrl).host : hostname()

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64')

const badRequest = (path: string, message: string): DomainError =>
  new DomainError('bad_request', 'the request is not valid', [{ path, message }])

/** The part of a transaction the log is signed in. */
type InLog = Pick<Repositories, 'chain' | 'checkpoints'>

const published = ({ size, root, note }: StoredCheckpoint): SignedCheckpoint => ({
  size,
  root,
  note,
})

/**
 * Each workspace's transparency log: its chain records in sequence order are the leaves of an
 * RFC 6962 Merkle tree (leaf index = sequence − 1), and every size the log reaches is signed as
 * a C2SP checkpoint and kept. The tree is recomputed from the stored records on every read, so
 * what is served is what the rows hold, and a row changed behind the server's back shows.
 */
export class TransparencyLog {
  readonly #publicKey: KeyObject
  /** Trees proofs are served from, while no other process has written the database. */
  readonly #trees = new Map<string, MerkleTree>()
  #dataVersion = -1

  constructor(
    private readonly stores: Stores,
    private readonly signing: LogSigning,
  ) {
    this.#publicKey = createPublicKey(signing.privateKey)
  }

  /**
   * `<host>/mufakat/<workspaceId>`, fixed by the log's first checkpoint: a later PUBLIC_URL
   * never renames a log that monitors already follow.
   */
  async origin(workspaceId: string): Promise<string> {
    const first = (await this.stores.checkpoints.list(workspaceId, 0, 1))[0]
    return first?.note.split('\n')[0] ?? `${this.signing.host}/mufakat/${workspaceId}`
  }

  /** The verifier key monitors pin: its name is the log's origin. */
  async key(workspaceId: string): Promise<string> {
    return verifierKey(await this.origin(workspaceId), this.#publicKey)
  }

  /**
   * Signs the log as it now is and keeps the checkpoint: call in the transaction that appends
   * `added` records, so no record is ever stored unsigned. Refuses when the log no longer extends
   * the tree it signed last, or grew by other records than those: signing would vouch for a change
   * made behind the server's back. `added` undefined: a log from before checkpoints, any size.
   */
  async signGrowth(
    tx: InLog,
    workspaceId: string,
    added: number | undefined,
  ): Promise<StoredCheckpoint> {
    const tree = this.#tree(await tx.chain.list(workspaceId))
    const latest = await tx.checkpoints.latest(workspaceId)
    const changed = latest !== undefined && !this.#extends(tree, latest)
    const grown = added !== undefined && tree.size !== (latest?.size ?? 0) + added
    if (changed || grown) {
      const what = changed
        ? `no longer matches the checkpoint of ${latest?.size} records the server signed`
        : 'holds records the server did not add'
      throw new DomainError(
        'conflict',
        `the record ${what}: it was changed outside the server, so nothing more is added until an operator restores it`,
      )
    }
    const checkpoint = await this.#sign(workspaceId, tree)
    await tx.checkpoints.add(workspaceId, checkpoint)
    this.#trees.delete(workspaceId)
    return checkpoint
  }

  /**
   * At start: signs logs that hold records no checkpoint covers (a database from before the
   * log) or whose last checkpoint another key signed (a rotation, or a restore without the key
   * file). Answers which logs the current key signed anew over another key's checkpoint, and
   * which it would not sign because they no longer extend what was signed.
   */
  async signOutstanding(): Promise<{
    resigned: string[]
    refused: { workspaceId: string; problem: string }[]
  }> {
    const resigned: string[] = []
    const refused: { workspaceId: string; problem: string }[] = []
    for (const workspaceId of await this.stores.chain.workspaceIds()) {
      const latest = await this.stores.checkpoints.latest(workspaceId)
      const ours = latest !== undefined && (await this.#signedByUs(workspaceId, latest))
      const tree = this.#tree(await this.stores.chain.list(workspaceId))
      // Signed by us and still the tree: nothing to do. Changed since: signGrowth refuses.
      if (ours && latest.size === tree.size && this.#extends(tree, latest)) continue
      try {
        // The same tree again under a new key, or a log from before checkpoints whole.
        await this.stores.transaction(
          async (tx) => await this.signGrowth(tx, workspaceId, latest ? 0 : undefined),
        )
        if (latest && !ours) resigned.push(workspaceId)
      } catch (error) {
        if (!(error instanceof DomainError)) throw error
        refused.push({ workspaceId, problem: error.message })
      }
    }
    return { resigned, refused }
  }

  /** The last signed checkpoint; an empty log's is signed on the spot and not kept. */
  async checkpoint(workspaceId: string): Promise<SignedCheckpoint> {
    const latest = await this.stores.checkpoints.latest(workspaceId)
    if (latest) return published(latest)
    if (await this.stores.chain.last(workspaceId)) {
      throw new DomainError('conflict', 'no signed checkpoint covers this record')
    }
    return published(await this.#sign(workspaceId, new MerkleTree([])))
  }

  /** Past checkpoints of `from` leaves or more, oldest first, one page at a time. */
  async checkpoints(
    workspaceId: string,
    from = 0,
  ): Promise<(SignedCheckpoint & { signedAt: string })[]> {
    return await this.stores.checkpoints.list(workspaceId, from, maxCheckpointsPerPage)
  }

  /** Leaves [start, end) as base64, at most one page; `end` past the log is refused. */
  async entries(workspaceId: string, start: number, end: number): Promise<LogEntries> {
    const size = await this.stores.chain.count(workspaceId)
    if (end > size) throw badRequest('end', `must not be past the log's size, ${size}`)
    const page = await this.stores.chain.page(
      workspaceId,
      start,
      Math.min(end - start, maxEntriesPerPage),
    )
    return { entries: page.map((record) => base64(leafBytes(record))) }
  }

  async inclusion(workspaceId: string, index: number, size: number): Promise<InclusionProof> {
    const tree = await this.#servedTree(workspaceId)
    if (size > tree.size) throw badRequest('size', `must not be past the log's size, ${tree.size}`)
    return { index, size, hashes: tree.inclusionProof(index, size).map(base64) }
  }

  async consistency(workspaceId: string, from: number, to: number): Promise<ConsistencyProof> {
    const tree = await this.#servedTree(workspaceId)
    if (to > tree.size) throw badRequest('to', `must not be past the log's size, ${tree.size}`)
    return { from, to, hashes: tree.consistencyProof(from, to).map(base64) }
  }

  /**
   * Checks stored records against the last signed checkpoint: its signature, its size (a
   * missing record shows) and the roots of every signed size (a rewritten one shows, even with
   * its chain hashes recomputed). Names the first record that differs.
   */
  async audit(
    workspaceId: string,
    records: readonly ChainRecord[],
  ): Promise<{ checkpoint: SignedCheckpoint | null; firstInvalid?: LogProblem }> {
    const latest = await this.stores.checkpoints.latest(workspaceId)
    if (!latest) {
      const first = records[0]
      return first
        ? {
            checkpoint: null,
            firstInvalid: {
              id: first.id,
              sequence: 1,
              problem: 'no signed checkpoint covers it',
            },
          }
        : { checkpoint: await this.checkpoint(workspaceId) }
    }
    const checkpoint = published(latest)
    if (!(await this.#signedByUs(workspaceId, latest))) {
      const problem = "the log's signed checkpoint does not verify with the log's key"
      return { checkpoint, firstInvalid: { sequence: latest.size, problem } }
    }
    const tree = this.#tree(records)
    if (latest.size > tree.size) {
      const problem = `the signed checkpoint covers ${latest.size} records, but only ${tree.size} are here`
      return { checkpoint, firstInvalid: { sequence: tree.size + 1, problem } }
    }
    let matched = 0
    const origin = await this.origin(workspaceId)
    for (const signed of await this.stores.checkpoints.list(
      workspaceId,
      0,
      Number.MAX_SAFE_INTEGER,
    )) {
      if (!this.#noteHolds(origin, signed)) {
        const problem = `the signed checkpoint of ${signed.size} kept here does not verify`
        return { checkpoint, firstInvalid: this.#at(records, matched, problem) }
      }
      if (!this.#extends(tree, signed)) {
        const problem = `the records from here on differ from the signed checkpoint of ${signed.size}`
        return { checkpoint, firstInvalid: this.#at(records, matched, problem) }
      }
      matched = signed.size
    }
    if (latest.size < tree.size) {
      const problem = 'no signed checkpoint covers it'
      return { checkpoint, firstInvalid: this.#at(records, latest.size, problem) }
    }
    return { checkpoint }
  }

  #at(records: readonly ChainRecord[], index: number, problem: string): LogProblem {
    const record = records[index]
    return record
      ? { id: record.id, sequence: index + 1, problem }
      : { sequence: index + 1, problem }
  }

  /**
   * The workspace's tree for proofs, rebuilt only after it changed: our own appends drop it, and
   * the store's count of outside writes moves when another process (an operator's tool) commits, which drops
   * them all. Verification and signing never use it: they always recompute from the rows.
   */
  async #servedTree(workspaceId: string): Promise<MerkleTree> {
    const version = await this.stores.chain.outsideWrites()
    if (version !== this.#dataVersion) {
      this.#trees.clear()
      this.#dataVersion = version
    }
    const cached = this.#trees.get(workspaceId)
    if (cached) return cached
    const tree = this.#tree(await this.stores.chain.list(workspaceId))
    // A few dozen logs at most: a busy server's public readers look at a handful.
    if (this.#trees.size >= 64) this.#trees.delete(this.#trees.keys().next().value as string)
    this.#trees.set(workspaceId, tree)
    return tree
  }

  #tree(records: readonly ChainRecord[]): MerkleTree {
    return MerkleTree.fromLeaves(records.map(leafBytes))
  }

  #extends(tree: MerkleTree, checkpoint: StoredCheckpoint): boolean {
    return checkpoint.size <= tree.size && base64(tree.root(checkpoint.size)) === checkpoint.root
  }

  /**
   * A kept checkpoint's note says what its row says and, when it names our key, verifies with
   * it: monitors mirror these notes as evidence. A note of an earlier key (before a rotation)
   * cannot be verified here, only read.
   */
  #noteHolds(origin: string, checkpoint: StoredCheckpoint): boolean {
    const split = checkpoint.note.lastIndexOf('\n\n')
    const read = split < 0 ? undefined : readCheckpoint(checkpoint.note.slice(0, split + 1))
    const says =
      read?.origin === origin &&
      read.size === checkpoint.size &&
      base64(read.root) === checkpoint.root
    const ours = keyId(origin, this.#publicKey)
    const claimsOurs = checkpoint.note
      .slice(split + 2)
      .split('\n')
      .some((line) =>
        Buffer.from(line.split(' ')[2] ?? '', 'base64')
          .subarray(0, 4)
          .equals(ours),
      )
    return says && (!claimsOurs || openNote(checkpoint.note, origin, this.#publicKey) !== undefined)
  }

  /** The note verifies with our key under the log's name, and says what its row says. */
  async #signedByUs(workspaceId: string, checkpoint: StoredCheckpoint): Promise<boolean> {
    const origin = await this.origin(workspaceId)
    const body = openNote(checkpoint.note, origin, this.#publicKey)
    const read = body === undefined ? undefined : readCheckpoint(body)
    return (
      read?.origin === origin &&
      read.size === checkpoint.size &&
      base64(read.root) === checkpoint.root
    )
  }

  async #sign(workspaceId: string, tree: MerkleTree): Promise<StoredCheckpoint> {
    const origin = await this.origin(workspaceId)
    const root = tree.root()
    return {
      size: tree.size,
      root: base64(root),
      note: signNote(checkpointBody(origin, tree.size, root), origin, this.signing.privateKey),
      signedAt: new Date().toISOString(),
    }
  }
}
