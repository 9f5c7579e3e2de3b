export interface OutboxLoopOptions {
  pollMs: number
  failed(error: unknown): void
}

/**
 * The rhythm of an outbox's sender (webhooks, mail): it looks every `pollMs`, and at once when
 * something new is queued; one look at a time, and another right after when asked meanwhile or
 * when a look found a full batch (`look` answers true: there may be more).
 */
export abstract class OutboxLoop {
  #timer: NodeJS.Timeout | undefined
  #running: Promise<void> | undefined
  #again = false
  #stopped = false

  constructor(private readonly loopOptions: OutboxLoopOptions) {}

  /** Sends what is due; true when there may be more than one look took. */
  protected abstract look(): Promise<boolean>

  start(): void {
    this.kick()
    this.#timer = setInterval(() => this.kick(), this.loopOptions.pollMs)
    this.#timer.unref()
  }

  async stop(): Promise<void> {
    this.#stopped = true
    clearInterval(this.#timer)
    await this.#running
  }

  /** Looks now (or right after the look in progress). */
  kick(): void {
    if (this.#stopped) return
    if (this.#running) {
      this.#again = true
      return
    }
    this.#running = this.look()
      .then((more) => {
        if (more) this.#again = true
      })
      .catch((error: unknown) => this.loopOptions.failed(error))
      .finally(() => {
        this.#running = undefined
        if (this.#again) {
          this.#again = false
          this.kick()
        }
      })
  }
}
