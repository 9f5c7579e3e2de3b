import type { Mediation } from '../../../../shared/src/schema/mediation.js'
import { useT } from '../../app/i18n/i18n.js'
import { Section } from '../../ui/Section.js'
import { CaucusItem } from './CaucusItem.js'
import { OpenCaucusForm } from './OpenCaucusForm.js'

/** The caucuses of the mediation, newest first; the mediator opens new ones. */
export const CaucusesSection = ({
  workspaceId,
  mediation,
  isMediator,
  onChanged,
}: {
  workspaceId: string
  mediation: Mediation
  isMediator: boolean
  onChanged: () => void
}) => {
  const t = useT()
  const caucuses = [...mediation.caucuses].sort((a, b) => b.openedAt.localeCompare(a.openedAt))
  return (
    <Section title={t('mediation.caucuses')}>
      <p className="muted small">{t('mediation.caucusesHint')}</p>
      {caucuses.length === 0 ? <p className="muted">{t('mediation.noCaucuses')}</p> : null}
      <ul className="caucus-list">
        {caucuses.map((caucus) => (
          <CaucusItem
            key={caucus.id}
            workspaceId={workspaceId}
            caucus={caucus}
            isMediator={isMediator}
            onChanged={onChanged}
          />
        ))}
      </ul>
      {isMediator ? (
        <OpenCaucusForm
          sessionId={mediation.sessionId}
          parties={mediation.parties}
          onOpened={onChanged}
        />
      ) : null}
    </Section>
  )
}
