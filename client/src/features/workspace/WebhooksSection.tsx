import { type FormEvent, useEffect, useState } from 'react'
import { formatDateTime } from '../../../../shared/src/format/dates.js'
import {
  type RolledWebhookSecret,
  type Webhook,
  WebhookEvent,
} from '../../../../shared/src/schema/webhook.js'
import { ApiError } from '../../api/http.js'
import {
  fetchDeliveries,
  fetchWebhooks,
  redeliver,
  registerWebhook,
  removeWebhook,
  rollWebhookSecret,
} from '../../api/webhooks.js'
import { useI18n } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { useLoad } from '../../app/use-load.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'

/** How often an open delivery log with a pending delivery is read again. */
const pendingRefreshMs = 2000

/** A facilitator's webhooks: register a URL for events, see each one's deliveries, remove it. */
export const WebhooksSection = ({ workspaceId }: { workspaceId: string }) => {
  const { t } = useI18n()
  const [hooks, reload] = useLoad(() => fetchWebhooks(workspaceId), [workspaceId])
  const [url, setUrl] = useState('')
  const [events, setEvents] = useState<WebhookEvent[]>(['decision.recorded', 'agreement.signed'])
  const [error, setError] = useState<{ text: Message }>()
  const [secret, setSecret] = useState<{ url: string; secret: string }>()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(undefined)
    if (events.length === 0) {
      setError({ text: (t) => t('webhook.chooseEvent') })
      return
    }
    try {
      const created = await registerWebhook(workspaceId, { url, events })
      setSecret({ url: created.webhook.url, secret: created.secret })
      setUrl('')
      reload()
    } catch (caught) {
      setError({
        text: (t) =>
          caught instanceof ApiError && caught.code === 'bad_request'
            ? t('webhook.refused')
            : t('common.actionFailed'),
      })
    }
  }
  const toggle = (event: WebhookEvent, on: boolean) =>
    setEvents((now) => (on ? [...now, event] : now.filter((item) => item !== event)))

  return (
    <Section title={t('webhook.title')}>
      <p className="muted">{t('webhook.lead')}</p>
      <form onSubmit={submit} className="form">
        <Field label={t('webhook.url')}>
          {(props) => (
            <input
              {...props}
              type="url"
              required
              maxLength={2000}
              placeholder="https://"
              value={url}
              onChange={(event) => setUrl(event.target.value)}
            />
          )}
        </Field>
        <fieldset>
          <legend>{t('webhook.events')}</legend>
          {WebhookEvent.options.map((option) => (
            <label key={option} className="checkbox">
              <input
                type="checkbox"
                checked={events.includes(option)}
                onChange={(event) => toggle(option, event.target.checked)}
              />
              {t(`webhook.event.${option}`)}
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className="button button--primary">
            {t('webhook.register')}
          </button>
        </div>
      </form>
      {error ? <Notice tone="error">{error.text(t)}</Notice> : null}
      {secret ? (
        <Notice tone="success">
          {t('webhook.secret', { url: secret.url })} <code>{secret.secret}</code>
        </Notice>
      ) : null}
      {hooks.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {hooks.state === 'ready' && hooks.value.length === 0 ? (
        <p className="muted">{t('webhook.none')}</p>
      ) : null}
      {hooks.state === 'ready' ? (
        <ul className="webhook-list">
          {hooks.value.map((hook) => (
            <WebhookItem
              key={hook.id}
              workspaceId={workspaceId}
              hook={hook}
              onRemoved={reload}
              onRolled={(rolled) => {
                setSecret({ url: rolled.webhook.url, secret: rolled.secret })
                reload()
              }}
              onFailed={() => setError({ text: (t) => t('common.actionFailed') })}
            />
          ))}
        </ul>
      ) : null}
    </Section>
  )
}

const WebhookItem = ({
  workspaceId,
  hook,
  onRemoved,
  onRolled,
  onFailed,
}: {
  workspaceId: string
  hook: Webhook
  onRemoved: () => void
  onRolled: (rolled: RolledWebhookSecret) => void
  onFailed: () => void
}) => {
  const { t, language } = useI18n()
  const [shown, setShown] = useState(false)
  const [deliveries, reloadDeliveries] = useLoad(
    () => (shown ? fetchDeliveries(workspaceId, hook.id) : Promise.resolve([])),
    [workspaceId, hook.id, shown],
  )
  // While a delivery shown is still being tried, the log follows it until it settles.
  const pending =
    deliveries.state === 'ready' && deliveries.value.some((item) => item.status === 'pending')
  useEffect(() => {
    if (!pending) return
    const timer = setInterval(reloadDeliveries, pendingRefreshMs)
    return () => clearInterval(timer)
  }, [pending, reloadDeliveries])
  return (
    <li className="webhook">
      <code className="webhook__url">{hook.url}</code>
      <p className="muted">{hook.events.map((event) => t(`webhook.event.${event}`)).join(', ')}</p>
      {hook.previousSecretUntil ? (
        <p className="muted">
          {t('webhook.previousSecretHolds', {
            until: formatDateTime(hook.previousSecretUntil, language),
          })}
        </p>
      ) : null}
      <div className="webhook__actions">
        <button type="button" className="button button--small" onClick={() => setShown(!shown)}>
          {shown ? t('webhook.hideDeliveries') : t('webhook.showDeliveries')}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => rollWebhookSecret(workspaceId, hook.id).then(onRolled, onFailed)}
        >
          {t('webhook.rollSecret')}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => removeWebhook(workspaceId, hook.id).then(onRemoved, onFailed)}
        >
          {t('webhook.remove')}
        </button>
      </div>
      {shown && deliveries.state === 'ready' ? (
        deliveries.value.length === 0 ? (
          <p className="muted">{t('webhook.noDeliveries')}</p>
        ) : (
          <table className="webhook__deliveries">
            <thead>
              <tr>
                <th scope="col">{t('webhook.col.created')}</th>
                <th scope="col">{t('webhook.col.event')}</th>
                <th scope="col">{t('webhook.col.status')}</th>
                <th scope="col">{t('webhook.col.attempts')}</th>
                <th scope="col">{t('webhook.col.answer')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('webhook.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.value.map((delivery) => (
                <tr key={delivery.id}>
                  <td>{formatDateTime(delivery.createdAt, language)}</td>
                  <td>{t(`webhook.event.${delivery.event}`)}</td>
                  <td>{t(`webhook.status.${delivery.status}`)}</td>
                  <td>{delivery.attempts}</td>
                  <td>{delivery.lastStatus ?? delivery.lastError ?? '—'}</td>
                  <td>
                    {delivery.status === 'pending' ? null : (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() =>
                          redeliver(workspaceId, hook.id, delivery.id).then(
                            reloadDeliveries,
                            onFailed,
                          )
                        }
                      >
                        {t('webhook.redeliver')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </li>
  )
}
