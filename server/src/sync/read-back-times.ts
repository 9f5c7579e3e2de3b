/** The longest wait between read-backs of a room: for the same thing not found, or failing. */
const maxDelayMs = 30_000
/** A read-back that found nothing new waits this long for the next, doubled each time. */
const afterNothingMs = 100
/** A read-back that failed (the storage unreachable) waits this long, doubled each time. */
const afterFailureMs = 1000

/**
 * When each room reads back from the storage what it missed: soon for anything new it learns
 * is missing, less and less often for the same thing not found (a number announced but never
 * stored, a forged message say) or while the storage fails, never in a busy loop; and a sooner
 * read-back always replaces a later one.
 */
export class ReadBackTimes {
  readonly #timers = new Map<string, { timer: NodeJS.Timeout; due: number }>()
  /** What was missing when read-backs last found nothing, and how many did in a row. */
  readonly #fruitless = new Map<string, { missing: string; count: number }>()
  readonly #failures = new Map<string, number>()
  #closed = false

  constructor(private readonly readBack: (name: string) => void) {}

  /** Reads the room back within `delayMs`. */
  at(name: string, delayMs: number): void {
    if (this.#closed) return
    const due = Date.now() + delayMs
    const pending = this.#timers.get(name)
    if (pending && pending.due <= due) return
    if (pending) clearTimeout(pending.timer)
    const timer = setTimeout(() => {
      this.#timers.delete(name)
      this.readBack(name)
    }, delayMs)
    this.#timers.set(name, { timer, due })
  }

  /** The room misses what `missing` describes: soon if that is new, later if it was looked for. */
  behind(name: string, missing: string): void {
    const fruitless = this.#fruitless.get(name)
    const count = fruitless?.missing === missing ? fruitless.count : 0
    this.at(name, Math.min(afterNothingMs * 2 ** count, maxDelayMs))
  }

  /** Reads the room back at once, whatever it looked for before (a lost link, a `head`). */
  now(name: string): void {
    this.settled(name)
    this.at(name, 0)
  }

  /** The room misses nothing: whatever comes next is new. */
  settled(name: string): void {
    this.#fruitless.delete(name)
    this.#failures.delete(name)
  }

  /**
   * A read-back ended with `missing` still missing: answers how many in a row ended so (a
   * read-back that found something leaves something else missing, and counts afresh).
   */
  stillMissing(name: string, missing: string): number {
    this.#failures.delete(name)
    const fruitless = this.#fruitless.get(name)
    const count = fruitless?.missing === missing ? fruitless.count + 1 : 1
    this.#fruitless.set(name, { missing, count })
    return count
  }

  /** A read-back failed: the next one waits longer each time (with jitter, so rooms spread). */
  failed(name: string): void {
    const failures = (this.#failures.get(name) ?? 0) + 1
    this.#failures.set(name, failures)
    const delay = Math.min(afterFailureMs * 2 ** (failures - 1), maxDelayMs)
    this.at(name, delay * (0.5 + Math.random() / 2))
  }

  forget(name: string): void {
    const pending = this.#timers.get(name)
    if (pending) clearTimeout(pending.timer)
    this.#timers.delete(name)
    this.#fruitless.delete(name)
    this.#failures.delete(name)
  }

  close(): void {
    this.#closed = true
    for (const { timer } of this.#timers.values()) clearTimeout(timer)
    this.#timers.clear()
  }
}
