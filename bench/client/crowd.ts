import { now, waitUntil } from '../lib/time.js'
import type { RunningTarget } from '../targets/target.js'
import { type DrainGroup, drainPool } from './drain-pool.js'
import { Ledger } from './ledger.js'
import { LightClient, type RoomAccess } from './light-client.js'
import { TokenWriter } from './token-writer.js'
import { TokenScanner } from './tokens.js'

export interface Member {
  client: LightClient
  /** Ledger id; -1 for a writer that only drains what it receives. */
  clientId: number
  room: number
  writer: TokenWriter | null
}

/** Roles of a client: a writer, a receiver that times every token, or one that only drains. */
export type Role = 'writer' | 'measuring-writer' | 'measure' | 'drain'

/** What the drain-only receivers got, next to the measuring ones (in the run's JSON). */
export interface DrainReport {
  drainClients: number
  /** Fewest bytes a drain client got ÷ fewest a measuring client got (≈ 1 when nothing is missing). */
  drainBytesRatio: number | null
  drainUnexpectedCloses: number
}

// Enough parallel handshakes to be quick, few enough not to overflow the listen backlog.
const CONNECT_CONCURRENCY = 64

/**
 * All light clients of one run, sharing one ledger. Rooms are numbered; every client of
 * a room must be added before anyone writes so the ledger knows whom each token is owed.
 * Writers and measuring receivers live on the main thread, where send and receive times
 * share one clock; drain-only receivers live in worker threads (drain-pool.ts).
 */
export class Crowd {
  readonly ledger = new Ledger()
  readonly scanner = new TokenScanner()
  readonly members: Member[] = []
  private readonly drainAccess: RoomAccess[] = []
  private drains: DrainGroup | null = null

  constructor(private readonly target: RunningTarget) {}

  /** Room names are unique per run so no state from a previous run can leak in. */
  static roomNames(prefix: string, count: number): string[] {
    const run = Math.random().toString(36).slice(2, 8)
    return Array.from({ length: count }, (_, i) => `${prefix}-${run}-${i}`)
  }

  /** Creates `count` fresh rooms through the target's provisioning hook, in order. */
  async rooms(prefix: string, count: number): Promise<RoomAccess[]> {
    const names = Crowd.roomNames(prefix, count)
    const access = await this.target.provision(names)
    return names.map((name) => {
      const room = access.get(name)
      if (room === undefined) throw new Error(`target did not provision room ${name}`)
      return room
    })
  }

  /** Adds a writer or a measuring receiver: a client on the main thread. */
  add(room: number, access: RoomAccess, role: Exclude<Role, 'drain'>): Member {
    const measures = role !== 'writer'
    const clientId = measures ? this.ledger.addClient(room) : -1
    const writer =
      role === 'measure' ? null : new TokenWriter(this.ledger.addWriter(clientId, room))
    const client = new LightClient(
      access,
      this.target.definition.protocol,
      measures
        ? {
            onUpdate: (update, at) => this.ledger.received(clientId, this.scanner.scan(update), at),
          }
        : {},
      writer?.doc ?? null,
    )
    const member = { client, clientId, room, writer }
    this.members.push(member)
    return member
  }

  /** Adds a receiver that only drains and counts bytes, in a worker thread. */
  addDrain(access: RoomAccess): void {
    this.drainAccess.push(access)
  }

  /** Connects every client, a bounded number at a time; returns connect→synced ms each. */
  async connectAll(timeoutMs = 30_000): Promise<number[]> {
    const times: number[] = new Array(this.members.length)
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < this.members.length) {
        const index = next
        next += 1
        const member = this.members[index]
        if (member !== undefined) times[index] = await member.client.connect(timeoutMs)
      }
    }
    if (this.drainAccess.length > 0) this.drains = drainPool.group()
    const [drained] = await Promise.all([
      this.drains?.connect(this.target.definition.protocol, this.drainAccess, timeoutMs) ?? [],
      ...Array.from({ length: Math.min(CONNECT_CONCURRENCY, this.members.length) }, worker),
    ])
    return [...times, ...(drained ?? [])]
  }

  /** Generates the member's next token, records its send time and sends it. */
  write(member: Member): void {
    if (member.writer === null) throw new Error('member is not a writer')
    const { seq, update } = member.writer.next()
    this.send(member, seq, update)
  }

  /** Sends a token update made earlier by the member's writer (bursts prepare them first). */
  send(member: Member, seq: number, update: Uint8Array): void {
    if (member.writer === null) throw new Error('member is not a writer')
    this.ledger.sent(member.writer.writerId, seq, now())
    member.client.sendUpdate(update)
  }

  /** Waits until everything owed arrived, or nothing arrives for `idleMs`, or `capMs`. */
  drain(idleMs = 1500, capMs = 30_000): Promise<boolean> {
    return waitUntil(() => this.ledger.complete(), {
      capMs,
      idleMs,
      progress: () => this.ledger.progress(),
    })
  }

  /**
   * Compares what the drain-only receivers got with the measuring ones, after giving them
   * up to `capMs` to catch up (they are as owed as anyone, only not timed).
   */
  async drainReport(capMs = 2000): Promise<DrainReport> {
    const drains = this.drains
    if (drains === null) return { drainClients: 0, drainBytesRatio: null, drainUnexpectedCloses: 0 }
    const measuring = this.members.filter((m) => m.clientId >= 0)
    const reference = Math.min(...measuring.map((m) => m.client.bytesAfterSync))
    let stats = await drains.stats()
    const fewest = (): number => Math.min(...stats.bytes)
    const start = now()
    while (fewest() < reference && now() - start < capMs) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      stats = await drains.stats()
    }
    return {
      drainClients: stats.bytes.length,
      drainBytesRatio: Number.isFinite(reference) && reference > 0 ? fewest() / reference : null,
      drainUnexpectedCloses: stats.unexpectedCloses,
    }
  }

  unexpectedCloses(): number {
    return this.members.filter((m) => m.client.unexpectedClose !== null).length
  }

  async closeAll(): Promise<void> {
    for (const member of this.members) member.client.close()
    await Promise.all([
      ...this.members.map((m) => m.client.closed()),
      this.drains?.close() ?? Promise.resolve(),
    ])
    this.drains = null
  }
}
