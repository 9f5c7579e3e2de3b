import { type FormEvent, useState } from 'react'
import type { Invite } from '../../../../shared/src/schema/invite.js'
import { type Role, StakeholderGroup } from '../../../../shared/src/schema/people.js'
import { createInvite, fetchInvites, revokeInvite } from '../../api/invites.js'
import { formatDate } from '../../app/format.js'
import { useI18n, useT } from '../../app/i18n/i18n.js'
import { paths } from '../../app/routes.js'
import { useLoad } from '../../app/use-load.js'
import { CountField } from '../../ui/CountField.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { QrCode } from '../../ui/QrCode.js'
import { Section } from '../../ui/Section.js'
import { RoleSelect } from '../people/RoleSelect.js'
import { roleLabel } from '../people/role-label.js'
import { useNews } from './workspace-live.js'

const expiryDays = [1, 7, 30] as const
const inviteLink = (code: string) => `${window.location.origin}${paths.join(code)}`

/**
 * Facilitators invite people with a role, a group, an expiry and at most so many uses; copy the
 * link or show its QR code; revoke.
 */
export const InvitesSection = ({ workspaceId }: { workspaceId: string }) => {
  const t = useT()
  const news = useNews('invites')
  const [invites, reload] = useLoad(() => fetchInvites(workspaceId), [workspaceId, news])
  const active =
    invites.state === 'ready' ? invites.value.filter((invite) => !invite.revokedAt) : []
  return (
    <Section title={t('invites.title')}>
      <CreateInviteForm workspaceId={workspaceId} onCreated={reload} />
      {invites.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {active.length > 0 ? (
        <ul className="invite-list">
          {active.map((invite) => (
            <InviteRow key={invite.code} invite={invite} onRevoked={reload} />
          ))}
        </ul>
      ) : null}
    </Section>
  )
}

const CreateInviteForm = ({
  workspaceId,
  onCreated,
}: {
  workspaceId: string
  onCreated: () => void
}) => {
  const t = useT()
  const [role, setRole] = useState<Role>('stakeholder')
  const [group, setGroup] = useState<StakeholderGroup | ''>('')
  const [days, setDays] = useState<number>(7)
  const [maxUses, setMaxUses] = useState('')
  const [error, setError] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(false)
    try {
      await createInvite(workspaceId, {
        role,
        ...(group ? { group } : {}),
        ...(maxUses ? { maxUses: Number(maxUses) } : {}),
        expiresAt: new Date(Date.now() + days * 86_400_000).toISOString(),
      })
      setMaxUses('')
      onCreated()
    } catch {
      setError(true)
    }
  }
  return (
    <form className="form form--boxed" onSubmit={submit} aria-label={t('invites.create')}>
      <div className="form__row form__row--three">
        <Field label={t('invites.role')}>
          {(props) => <RoleSelect {...props} value={role} onChange={setRole} />}
        </Field>
        <Field label={t('invites.group')}>
          {(props) => (
            <select
              {...props}
              value={group}
              onChange={(e) =>
                setGroup(e.target.value ? StakeholderGroup.parse(e.target.value) : '')
              }
            >
              <option value="">{t('invites.groupChosenByPerson')}</option>
              {StakeholderGroup.options.map((option) => (
                <option key={option} value={option}>
                  {t(`group.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('invites.expires')}>
          {(props) => (
            <select {...props} value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {expiryDays.map((value) => (
                <option key={value} value={value}>
                  {t('invites.days', { count: value })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <CountField
          label={t('invites.maxUses')}
          hint={t('invites.maxUsesHint')}
          value={maxUses}
          onChange={setMaxUses}
        />
      </div>
      {error ? <Notice tone="error">{t('common.actionFailed')}</Notice> : null}
      <button type="submit" className="button button--primary">
        {t('invites.createSubmit')}
      </button>
    </form>
  )
}

const InviteRow = ({ invite, onRevoked }: { invite: Invite; onRevoked: () => void }) => {
  const { t, language } = useI18n()
  const [copied, setCopied] = useState(false)
  const link = inviteLink(invite.code)
  const copy = async () => {
    try {
      await window.navigator.clipboard.writeText(link)
      setCopied(true)
    } catch {
      // Without clipboard permission the link stays visible and selectable.
      setCopied(false)
    }
  }
  const revoke = async () => {
    await revokeInvite(invite.workspaceId, invite.code).catch(() => undefined)
    onRevoked()
  }
  return (
    <li className="invite-row">
      <div>
        <strong>{t(roleLabel[invite.role])}</strong>
        {invite.group ? ` · ${t(`group.${invite.group}`)}` : ''}
        <span className="muted small">
          {' · '}
          {invite.maxUses === null
            ? t('invites.uses', { count: invite.uses })
            : t('invites.usesOf', { count: invite.uses, max: invite.maxUses })}
          {invite.expiresAt
            ? ` · ${t('invites.until', { date: formatDate(invite.expiresAt, language) })}`
            : ''}
        </span>
        <input
          className="invite-row__link"
          readOnly
          value={link}
          aria-label={t('invites.link')}
          data-testid="invite-link"
        />
        <details className="invite-row__qr">
          <summary>{t('invites.showQr')}</summary>
          <QrCode text={link} label={t('invites.qrLabel')} />
        </details>
      </div>
      <div className="invite-row__actions">
        <button type="button" className="button button--small" onClick={copy}>
          {copied ? t('invites.copied') : t('invites.copy')}
        </button>
        <button type="button" className="button button--small button--danger" onClick={revoke}>
          {t('invites.revoke')}
        </button>
      </div>
    </li>
  )
}
