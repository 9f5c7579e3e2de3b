import { bumpNotificationSignals } from '../../../../shared/src/ydoc/notification-signals.js'
import {
  type AnnouncePort,
  PresenceAnnouncements,
} from '../people-and-access/presence-announcements.js'

/**
 * Tells a person's open pages that they have something new, by counting their signal up in the
 * workspace's presence room; the pages fetch what it is with their own token. Called once the
 * notifications have committed; one change that tells many people makes one room edit.
 */
export class NotificationSignals {
  readonly #announcements: PresenceAnnouncements<string>

  constructor(port: AnnouncePort) {
    this.#announcements = new PresenceAnnouncements(port, bumpNotificationSignals)
  }

  signal(workspaceId: string, participantIds: readonly string[]): void {
    this.#announcements.add(workspaceId, participantIds)
  }
}
