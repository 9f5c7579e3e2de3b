import { useT } from '../../app/i18n/i18n.js'
import { HandButton, type MySessionProps } from './HandButton.js'
import { positionFormId } from './PositionForm.js'

/**
 * On phones, what a participant does during a session stays at hand at the bottom of the screen
 * (the page is long: the hand used to be some 3,500 px down): the hand, and a way to the position
 * buttons while a proposal is open. Wider screens hide it (session.css): there both are in view.
 */
export const SessionActionBar = ({ sessionId, live, myId }: MySessionProps) => {
  const t = useT()
  const mine = live.proposal?.positions.find((position) => position.participantId === myId)
  const toPositions = () => {
    const form = document.getElementById(positionFormId)
    form?.scrollIntoView({ block: 'center' })
    form?.querySelector('button')?.focus({ preventScroll: true })
  }
  return (
    <section className="session-actions" aria-label={t('session.actions')}>
      {live.speaker?.participantId === myId ? (
        <p className="session-actions__floor">{t('session.floorYours')}</p>
      ) : null}
      <HandButton sessionId={sessionId} live={live} myId={myId} />
      {live.proposal ? (
        <button type="button" className="button" onClick={toPositions}>
          {mine
            ? t('session.positionIs', { value: t(`session.position.${mine.value}`) })
            : t('session.takePosition')}
        </button>
      ) : null}
    </section>
  )
}
