import { type LatencySummary, summarizeLatencies } from '../lib/stats.js'

// Token keys pack writer and sequence number into one safe integer.
const SEQ_SPAN = 10_000_000

export interface DeliveryTotals {
  /** Deliveries owed: for every token sent, one per other measuring client in the writer's room. */
  expected: number
  /** First arrivals of a token at a receiver. */
  delivered: number
  lost: number
  /** Arrivals of a token at a receiver that already had it. */
  duplicated: number
  /** A writer getting its own token back. Not a delivery; counted so it is visible. */
  echoes: number
  /** A token arriving in a room other than its writer's (cross-room isolation broken). */
  leaks: number
  /** Tokens nobody sent in this run. */
  unknown: number
  latency: LatencySummary
  firstSend: number | null
  lastSend: number | null
  lastReceipt: number | null
}

/**
 * Accounts for every expected delivery of every token to the measuring clients (clients
 * that only drain and count bytes are registered nowhere here). Latency is receive time minus the
 * send time of that token, both taken in this process. Nothing is dropped silently: a
 * token that never arrives is lost, a second arrival is a duplicate, a foreign one a leak.
 */
export class Ledger {
  private readonly clientRoom: number[] = []
  private readonly clientIndex: number[] = []
  /** Measuring clients per room: each is owed every token of the room's other clients. */
  private readonly roomSizes: number[] = []
  private readonly writerClient: number[] = []
  private readonly writerRoom: number[] = []
  private readonly sendTimes: number[][] = []
  private readonly receipts = new Map<number, Uint8Array>()
  private readonly latencies: number[] = []
  private expected = 0
  private delivered = 0
  private duplicated = 0
  private echoes = 0
  private leaks = 0
  private unknown = 0
  private firstSend: number | null = null
  private lastSend: number | null = null
  private lastReceipt: number | null = null

  /** Registers a measuring client in room `room`; every one must be added before the first send. */
  addClient(room: number): number {
    const id = this.clientRoom.length
    const index = this.roomSizes[room] ?? 0
    this.roomSizes[room] = index + 1
    this.clientRoom.push(room)
    this.clientIndex.push(index)
    return id
  }

  /** `client` is the writer's measuring client id, or -1 when the writer only drains. */
  addWriter(client: number, room: number): number {
    this.writerClient.push(client)
    this.writerRoom.push(room)
    this.sendTimes.push([])
    return this.writerClient.length - 1
  }

  sent(writer: number, seq: number, at: number): void {
    const times = this.sendTimes[writer]
    const client = this.writerClient[writer]
    if (times === undefined || client === undefined) throw new Error(`unknown writer ${writer}`)
    times[seq] = at
    // A writer's own measuring client is not owed its tokens; a writer that only drains is
    // no client here (client -1) and so owes every measuring client of its room.
    const room = this.writerRoom[writer] ?? -1
    this.expected += (this.roomSizes[room] ?? 0) - (client >= 0 ? 1 : 0)
    this.firstSend ??= at
    this.lastSend = at
  }

  /** Records the tokens found in one received update (pairs of writer, seq). */
  received(client: number, tokens: Uint32Array, at: number): void {
    const room = this.clientRoom[client] ?? -1
    for (let i = 0; i + 1 < tokens.length; i += 2) {
      const writer = tokens[i] ?? 0
      const seq = tokens[i + 1] ?? 0
      const sentAt = this.sendTimes[writer]?.[seq]
      const writerClient = this.writerClient[writer]
      if (sentAt === undefined || writerClient === undefined) {
        this.unknown += 1
        continue
      }
      if (writerClient === client) {
        this.echoes += 1
        continue
      }
      if (this.writerRoom[writer] !== room) {
        this.leaks += 1
        continue
      }
      const key = writer * SEQ_SPAN + seq
      let counts = this.receipts.get(key)
      if (counts === undefined) {
        counts = new Uint8Array(this.roomSizes[room] ?? 0)
        this.receipts.set(key, counts)
      }
      const index = this.clientIndex[client] ?? 0
      const seen = counts[index] ?? 0
      counts[index] = Math.min(255, seen + 1)
      if (seen > 0) {
        this.duplicated += 1
      } else {
        this.delivered += 1
        this.latencies.push(at - sentAt)
        this.lastReceipt = at
      }
    }
  }

  /** Everything owed has arrived. */
  complete(): boolean {
    return this.delivered >= this.expected
  }

  deliveredCount(): number {
    return this.delivered
  }

  /** Grows with every arrival; used to notice a stalled target. */
  progress(): number {
    return this.delivered + this.duplicated + this.leaks + this.unknown
  }

  totals(): DeliveryTotals {
    return {
      expected: this.expected,
      delivered: this.delivered,
      lost: this.expected - this.delivered,
      duplicated: this.duplicated,
      echoes: this.echoes,
      leaks: this.leaks,
      unknown: this.unknown,
      latency: summarizeLatencies(this.latencies),
      firstSend: this.firstSend,
      lastSend: this.lastSend,
      lastReceipt: this.lastReceipt,
    }
  }
}
