import type { PollView } from '../../../../shared/src/schema/poll.js'
import type { SessionState } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { Section } from '../../ui/Section.js'
import { OpenPollForm } from './OpenPollForm.js'
import { PollCard } from './PollCard.js'
import './polls.css'

/** The session's polls, newest first; runners open new ones while the session runs. */
export const PollsPanel = ({
  workspaceId,
  sessionId,
  live,
  polls,
  myId,
  canRun,
  canTakePart,
}: {
  workspaceId: string
  sessionId: string
  live: SessionState
  polls: readonly PollView[]
  myId: string
  canRun: boolean
  canTakePart: boolean
}) => {
  const t = useT()
  const running = live.status === 'running'
  return (
    <Section title={t('poll.title')}>
      {polls.length === 0 ? <p className="muted">{t('poll.none')}</p> : null}
      <ul className="poll-list">
        {[...polls].reverse().map((poll) => (
          <li key={poll.id}>
            <PollCard
              sessionId={sessionId}
              live={live}
              poll={poll}
              myId={myId}
              canRun={canRun && running}
              canTakePart={canTakePart && running}
            />
          </li>
        ))}
      </ul>
      {canRun && running ? <OpenPollForm sessionId={sessionId} workspaceId={workspaceId} /> : null}
    </Section>
  )
}
