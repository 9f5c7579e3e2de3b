import { now, waitUntil } from '../lib/time.js'
import type { RunningTarget } from '../targets/target.js'
import { Ledger } from './ledger.js'
import { LightClient, type RoomAccess } from './light-client.js'
import { TokenWriter } from './token-writer.js'
import { TokenScanner } from './tokens.js'

export interface Member {
  client: LightClient
  clientId: number
  room: number
  writer: TokenWriter | null
}

// Enough parallel handshakes to be quick, few enough not to overflow the listen backlog.
const CONNECT_CONCURRENCY = 64

/**
 * All light clients of one run, sharing one ledger. Rooms are numbered; every client of
 * a room must be added before anyone writes so the ledger knows whom each token is owed.
 */
export class Crowd {
  readonly ledger = new Ledger()
  readonly scanner = new TokenScanner()
  readonly members: Member[] = []

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

  add(room: number, access: RoomAccess, writes: boolean): Member {
    const clientId = this.ledger.addClient(room)
    const writer = writes ? new TokenWriter(this.ledger.addWriter(clientId)) : null
    const client = new LightClient(
      access,
      this.target.definition.protocol,
      {
        onUpdate: (update, at) => this.ledger.received(clientId, this.scanner.scan(update), at),
      },
      writer?.doc ?? null,
    )
    const member = { client, clientId, room, writer }
    this.members.push(member)
    return member
  }

  /** Connects every member, a bounded number at a time; returns connect→synced ms each. */
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
    await Promise.all(
      Array.from({ length: Math.min(CONNECT_CONCURRENCY, this.members.length) }, worker),
    )
    return times
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

  unexpectedCloses(): number {
    return this.members.filter((m) => m.client.unexpectedClose !== null).length
  }

  async closeAll(): Promise<void> {
    for (const member of this.members) member.client.close()
    await Promise.all(this.members.map((m) => m.client.closed()))
  }
}
