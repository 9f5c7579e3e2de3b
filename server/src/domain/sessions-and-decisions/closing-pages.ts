/**
 * How long a page's presence relayed from another node may go unrenewed before it is gone: the
 * official client renews it every 15 s, and a dead node's times out after 30 s.
 */
const relayedPresenceLastsMs = 35_000

/**
 * Leaves sent as a session page closes. A reload closes the page too, and comes straight back:
 * leaving at once would count the person gone and back (ending their turn on the floor, dropping
 * their raised hand). So the leave waits a short grace and is applied only if, by then, no page
 * of theirs is open in the session room and they have not joined again. In a cluster the new
 * page may be on another node: its presence there counts once renewed since the leave; one not
 * renewed yet may be a page of a node that died, so it is looked at again until it is renewed
 * or has timed out.
 */
export class ClosingPages {
  readonly #pending = new Map<string, { timer?: ReturnType<typeof setTimeout> }>()
  readonly #looks: number

  constructor(
    private readonly graceMs: number,
    /** When a page of the participant was last seen open in the room; undefined if none is. */
    private readonly pageSeen: (room: string, participantId: string) => Promise<number | undefined>,
  ) {
    this.#looks = Math.max(1, Math.ceil(relayedPresenceLastsMs / graceMs))
  }

  /** After the grace, runs `leave` unless a page of the participant is open in `room` again. */
  schedule(
    sessionId: string,
    room: string,
    participantId: string,
    leave: () => Promise<unknown>,
  ): void {
    const key = `${sessionId}:${participantId}`
    this.cancel(sessionId, participantId)
    const since = Date.now()
    const pending: { timer?: ReturnType<typeof setTimeout> } = {}
    const look = (count: number) => {
      pending.timer = setTimeout(async () => {
        const seen = await this.pageSeen(room, participantId).catch(() => undefined)
        // Cancelled (they joined again) or replaced (another page closed) meanwhile.
        if (this.#pending.get(key) !== pending) return
        if (seen !== undefined && seen >= since) {
          this.#pending.delete(key)
          return
        }
        if (seen !== undefined && count < this.#looks) {
          look(count + 1)
          return
        }
        this.#pending.delete(key)
        // A session that ended meanwhile refuses the leave: nobody is present in it any more.
        void leave().catch(() => undefined)
      }, this.graceMs)
      // A pending leave never keeps the process alive: after a restart nobody is connected anyway.
      pending.timer.unref()
    }
    this.#pending.set(key, pending)
    look(1)
  }

  /** They are back (a reload's join): the leave is not applied. */
  cancel(sessionId: string, participantId: string): void {
    const key = `${sessionId}:${participantId}`
    clearTimeout(this.#pending.get(key)?.timer)
    this.#pending.delete(key)
  }
}
