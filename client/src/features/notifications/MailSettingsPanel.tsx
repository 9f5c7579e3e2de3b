import { type FormEvent, useEffect, useState } from 'react'
import {
  type MailChoice,
  MailChoice as MailChoiceSchema,
  type MailSettings,
} from '../../../../shared/src/schema/mail.js'
import { NotificationKind } from '../../../../shared/src/schema/notification.js'
import { ApiError } from '../../api/http.js'
import {
  fetchMailSettings,
  removeMailAddress,
  setMailAddress,
  setMailChoices,
} from '../../api/mail.js'
import { useT } from '../../app/i18n/i18n.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'

/**
 * A person's own e-mail settings: their address (confirmed by the link mailed to it) and, per
 * kind of notification, off, at once or in the daily digest. Without SMTP_URL it says mail is off.
 */
export const MailSettingsPanel = ({ workspaceId }: { workspaceId: string }) => {
  const t = useT()
  const [settings, setSettings] = useState<MailSettings | undefined>(undefined)
  const [address, setAddress] = useState('')
  const [badAddress, setBadAddress] = useState(false)
  const [failed, setFailed] = useState(false)
  const [saved, setSaved] = useState(false)

  const loaded = (next: MailSettings) => {
    setSettings(next)
    setAddress(next.address ?? '')
  }
  const reload = () => {
    setFailed(false)
    fetchMailSettings(workspaceId).then(loaded, () => setFailed(true))
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per workspace
  useEffect(reload, [workspaceId])

  const act = (change: Promise<MailSettings>) => {
    setFailed(false)
    setSaved(false)
    setBadAddress(false)
    change.then(
      (next) => {
        loaded(next)
        setSaved(true)
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.code === 'bad_request') setBadAddress(true)
        else setFailed(true)
      },
    )
  }
  const saveAddress = (event: FormEvent) => {
    event.preventDefault()
    act(setMailAddress(workspaceId, address.trim()))
  }
  const choose = (kind: NotificationKind, choice: MailChoice) =>
    act(setMailChoices(workspaceId, { [kind]: choice }))

  if (!settings) return failed ? <Notice tone="error">{t('common.actionFailed')}</Notice> : null
  return (
    <div className="mail-settings">
      <h2>{t('mail.title')}</h2>
      {failed ? <Notice tone="error">{t('common.actionFailed')}</Notice> : null}
      {!settings.enabled ? (
        <p>{t('mail.off')}</p>
      ) : (
        <>
          <form onSubmit={saveAddress}>
            <Field
              label={t('mail.address')}
              hint={t('mail.addressHint')}
              {...(badAddress ? { error: t('mail.badAddress') } : {})}
            >
              {(props) => (
                <input
                  {...props}
                  type="email"
                  autoComplete="email"
                  required
                  maxLength={254}
                  value={address}
                  onChange={(event) => setAddress(event.target.value)}
                />
              )}
            </Field>
            <div className="mail-settings__actions">
              <button type="submit">{t('mail.saveAddress')}</button>
              {settings.address ? (
                <button type="button" onClick={() => act(removeMailAddress(workspaceId))}>
                  {t('mail.removeAddress')}
                </button>
              ) : null}
            </div>
          </form>
          {settings.address && !settings.verified ? (
            <Notice>
              {t('mail.unverified', { address: settings.address })}{' '}
              <button type="button" onClick={reload}>
                {t('mail.refresh')}
              </button>
            </Notice>
          ) : null}
          {settings.address && settings.verified ? (
            <p>{t('mail.verified', { address: settings.address })}</p>
          ) : null}
          {settings.address ? (
            <fieldset className="mail-settings__choices">
              <legend>{t('mail.choices')}</legend>
              {NotificationKind.options.map((kind) => (
                <Field key={kind} label={t(`mail.kind.${kind}`)}>
                  {(props) => (
                    <select
                      {...props}
                      value={settings.choices[kind]}
                      onChange={(event) => choose(kind, MailChoiceSchema.parse(event.target.value))}
                    >
                      {MailChoiceSchema.options.map((choice) => (
                        <option key={choice} value={choice}>
                          {t(`mail.choice.${choice}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              ))}
            </fieldset>
          ) : null}
          {saved ? <Notice tone="success">{t('mail.saved')}</Notice> : null}
        </>
      )}
    </div>
  )
}
