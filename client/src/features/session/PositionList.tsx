import type { Channel } from '../../../../shared/src/schema/balance.js'
import { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import type { Position } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { GroupBadge } from '../people/GroupBadge.js'
import { ChannelNote } from './ChannelNote.js'

/** A position as a list shows it: live on a proposal, or as a decision record kept it. */
interface ListedPosition {
  participantId: string
  name: string
  /** A string in records, which are kept as written even if the groups change. */
  group: string
  value: Position
  reason?: string | undefined
  /** Given on paper, by phone or in person, and recorded for them. */
  channel?: Channel | undefined
  recordedBy?: { name: string } | undefined
}

/** Who said what, and why: under the tally, in the confirmation before adopting, in the log. */
export const PositionList = ({
  positions,
  testId,
}: {
  positions: readonly ListedPosition[]
  testId?: string
}) => {
  const t = useT()
  return (
    <ul className="position-list" data-testid={testId}>
      {positions.map((position) => {
        const group = StakeholderGroup.safeParse(position.group)
        return (
          <li key={position.participantId}>
            <strong>{position.name}</strong>{' '}
            {group.success ? <GroupBadge group={group.data} /> : null}{' '}
            <span className={`position-tag position-tag--${position.value}`}>
              {t(`session.position.${position.value}`)}
            </span>
            <ChannelNote channel={position.channel} recordedBy={position.recordedBy} />
            {position.reason ? <q className="position-list__reason">{position.reason}</q> : null}
          </li>
        )
      })}
    </ul>
  )
}
