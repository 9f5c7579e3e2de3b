/**
 * Leaves sent as a session page closes. A reload closes the page too, and comes straight back:
 * leaving at once would count the person gone and back (ending their turn on the floor, dropping
 * their raised hand). So the leave waits a short grace and is applied only if, by then, no page
 * of theirs is connected to the session room and they have not joined again.
 */
export class ClosingPages {
  readonly #pending = new Map<string, ReturnType<typeof setTimeout>>()

  constructor(
    private readonly graceMs: number,
    private readonly connected: (room: string, participantId: string) => boolean,
  ) {}

  /** After the grace, runs `leave` unless the participant is connected to `room` again. */
  schedule(
    sessionId: string,
    room: string,
    participantId: string,
    leave: () => Promise<unknown>,
  ): void {
    const key = `${sessionId}:${participantId}`
    this.cancel(sessionId, participantId)
    const timer = setTimeout(() => {
      this.#pending.delete(key)
      if (this.connected(room, participantId)) return
      // A session that ended meanwhile refuses the leave: nobody is present in it any more.
      void leave().catch(() => undefined)
    }, this.graceMs)
    // A pending leave never keeps the process alive: after a restart nobody is connected anyway.
    timer.unref()
    this.#pending.set(key, timer)
  }

  /** They are back (a reload's join): the leave is not applied. */
  cancel(sessionId: string, participantId: string): void {
    const key = `${sessionId}:${participantId}`
    clearTimeout(this.#pending.get(key))
    this.#pending.delete(key)
  }
}
