/**
 * A token bucket per socket. When it runs dry the transport pauses reading from the socket
 * instead of dropping or closing: TCP backpressure slows a too-eager client down and nothing it
 * sent is lost.
 */
export class MessageRate {
  #tokens: number
  #refilledAt = performance.now()

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.#tokens = burst
  }

  /** Takes one token; answers how long to pause reading (0 when there is no need). */
  take(): number {
    const now = performance.now()
    this.#tokens = Math.min(
      this.burst,
      this.#tokens + ((now - this.#refilledAt) / 1000) * this.perSecond,
    )
    this.#refilledAt = now
    this.#tokens -= 1
    if (this.#tokens >= 0) return 0
    // Resume once a tenth of the bucket has refilled, so a flood is read in slices, not per frame.
    return Math.ceil(((-this.#tokens + this.burst / 10) / this.perSecond) * 1000)
  }
}
