import { useState } from 'react'
import type { Participant, Role } from '../../../../shared/src/schema/people.js'
import { useT } from '../../app/i18n/i18n.js'
import { ConfirmDialog } from '../../ui/ConfirmDialog.js'
import { RoleSelect } from '../people/RoleSelect.js'
import { roleLabel } from '../people/role-label.js'

/** One person: name, online or not (a dot and a word), role; facilitators change and remove. */
export const PersonRow = ({
  person,
  isMe,
  online,
  manage,
  onRole,
  onRemove,
}: {
  person: Participant
  isMe: boolean
  online: boolean
  manage: boolean
  onRole: (role: Role) => Promise<void>
  onRemove: () => Promise<void>
}) => {
  const t = useT()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const name = person.displayName
  const roleSelectId = `role-${person.id}`
  const run = async (action: () => Promise<void>) => {
    setBusy(true)
    await action()
    setBusy(false)
  }
  return (
    <li className="person" data-testid="person" data-online={online ? 'true' : 'false'}>
      <span className={`avatar group-${person.group}`} aria-hidden="true">
        {name.slice(0, 1).toUpperCase()}
      </span>
      <span className="people-list__name">
        {name}
        {isMe ? ` (${t('people.you')})` : ''}
        <span className={`presence-state presence-state--${online ? 'online' : 'offline'}`}>
          <span className="online-dot" aria-hidden="true" />
          {online ? t('people.online') : t('people.offline')}
        </span>
      </span>
      {manage ? (
        <span className="person__manage">
          <label htmlFor={roleSelectId} className="visually-hidden">
            {t('people.roleOf', { name })}
          </label>
          <RoleSelect
            id={roleSelectId}
            value={person.role}
            onChange={(role) => void run(() => onRole(role))}
          />
          {isMe ? null : (
            <button
              type="button"
              className="button button--small button--danger"
              aria-label={t('people.removeNamed', { name })}
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              {t('people.remove')}
            </button>
          )}
          <ConfirmDialog
            open={confirming}
            title={t('people.removeTitle', { name })}
            confirmLabel={t('people.remove')}
            cancelLabel={t('common.cancel')}
            busy={busy}
            onCancel={() => setConfirming(false)}
            onConfirm={() =>
              void run(async () => {
                setConfirming(false)
                await onRemove()
              })
            }
          >
            <p>{t('people.removeBody')}</p>
          </ConfirmDialog>
        </span>
      ) : (
        <span className="tag">{t(roleLabel[person.role])}</span>
      )}
    </li>
  )
}
