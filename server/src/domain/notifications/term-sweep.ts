import type { NewNotification } from '../../../../shared/src/schema/stored.js'
import { today } from '../mediation-and-agreements/agreement-view.js'
import type { Stores } from '../ports.js'
import type { Notifications } from './notifications.js'

/** A term is "coming due" this many days before its due date. */
const dueSoonDays = 3

const dayAfter = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

export interface TermSweepOptions {
  intervalMs: number
  failed(error: unknown): void
}

/**
 * The clock behind "a term you own is coming due / overdue": every `intervalMs` it looks through
 * the open terms of binding agreements (signed, not amended) and tells each owner once per term
 * and state (the notification's key), however often it runs and however many times it restarts.
 */
export class TermSweep {
  #timer: NodeJS.Timeout | undefined
  #running: Promise<void> | undefined

  constructor(
    private readonly stores: Stores,
    private readonly notifications: Notifications,
    private readonly options: TermSweepOptions,
  ) {}

  start(): void {
    this.#tick()
    this.#timer = setInterval(() => this.#tick(), this.options.intervalMs)
    this.#timer.unref()
  }

  /** Stops the clock and waits for a sweep in progress. */
  async stop(): Promise<void> {
    clearInterval(this.#timer)
    await this.#running
  }

  #tick(): void {
    // One sweep at a time: a slow one is not overtaken by the next.
    if (this.#running) return
    this.#running = this.sweep()
      .catch((error: unknown) => this.options.failed(error))
      .finally(() => {
        this.#running = undefined
      })
  }

  async sweep(): Promise<void> {
    const now = today()
    const soon = dayAfter(now, dueSoonDays)
    const told: NewNotification[] = []
    for (const agreement of await this.stores.agreements.listSigned()) {
      if ((await this.stores.agreements.amendedBy(agreement.id)) !== null) continue
      const history = await this.stores.agreements.termHistory(agreement.id)
      const here = new Set(
        (await this.stores.workspaces.listParticipants(agreement.workspaceId)).map((p) => p.id),
      )
      for (const term of agreement.terms) {
        const status = history.get(term.id)?.at(-1)?.status ?? 'open'
        if (status !== 'open' || !here.has(term.ownerId) || term.dueDate > soon) continue
        const overdue = term.dueDate < now
        told.push({
          workspaceId: agreement.workspaceId,
          participantId: term.ownerId,
          kind: overdue ? 'term_overdue' : 'term_due',
          place: { page: 'agreement', agreementId: agreement.id },
          actorName: null,
          subject: term.text,
          key: `${overdue ? 'term-overdue' : 'term-due'}:${agreement.id}:${term.id}`,
          createdAt: new Date().toISOString(),
        })
      }
    }
    await this.notifications.tellNow(told)
  }
}
