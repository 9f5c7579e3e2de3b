import { type FormEvent, useState } from 'react'
import type { PlanDocument } from '../../../../shared/src/schema/document.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import type { Version } from '../../../../shared/src/schema/version.js'
import { fetchVersions, live, restoreVersion, saveVersion } from '../../api/versions.js'
import { useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { useLoad } from '../../app/use-load.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { ClauseAuthorship } from '../authorship/ClauseAuthorship.js'
import { ActivityList } from './ActivityList.js'
import { CompareForm } from './CompareForm.js'
import type { Comparison } from './CompareView.js'
import { usePeopleNames } from './use-people-names.js'
import { Downloads, VersionItem } from './VersionItem.js'

type Outcome = { tone: 'success' | 'error'; text: Message } | undefined

/**
 * The document's versions: save one (writers), list them, compare any two (or one with the live
 * text), restore (writers, after a confirmation), download, and who edited when.
 */
export const VersionsPanel = ({
  document,
  me,
  canWrite,
  onCompare,
  onRestored,
}: {
  document: PlanDocument
  me: Participant
  canWrite: boolean
  onCompare: (comparison: Comparison) => void
  onRestored: () => void
}) => {
  const t = useT()
  const [refreshKey, setRefreshKey] = useState(0)
  const [versions] = useLoad(() => fetchVersions(document.id), [document.id, refreshKey])
  const names = usePeopleNames(document.workspaceId)
  const [outcome, setOutcome] = useState<Outcome>()
  const refresh = () => setRefreshKey((key) => key + 1)
  const list = versions.state === 'ready' ? [...versions.value].reverse() : []
  const labelOf = (id: string) =>
    id === live ? t('versions.current') : (list.find((v) => v.id === id)?.name ?? id)
  const atOf = (id: string) => list.find((v) => v.id === id)?.createdAt

  const restore = async (version: Version) => {
    setOutcome(undefined)
    try {
      const saved = await restoreVersion(document.id, version.id)
      setOutcome({
        tone: 'success',
        text: (t) => t('versions.restored', { name: version.name, saved: saved.name }),
      })
      refresh()
      onRestored()
    } catch {
      setOutcome({ tone: 'error', text: (t) => t('common.actionFailed') })
    }
  }

  return (
    <div className="versions">
      {canWrite ? (
        <SaveVersionForm
          documentId={document.id}
          onSaved={(version) => {
            setOutcome({
              tone: 'success',
              text: (t) => t('versions.saved', { name: version.name }),
            })
            refresh()
          }}
          onFailed={() => setOutcome({ tone: 'error', text: (t) => t('common.actionFailed') })}
        />
      ) : (
        <p className="read-only-note" role="note">
          {t('versions.readOnly', { role: t(`role.${me.role}`) })}
        </p>
      )}
      {outcome ? <Notice tone={outcome.tone}>{outcome.text(t)}</Notice> : null}
      <Downloads documentId={document.id} version={live} name={t('versions.current')} />
      <h3 id="versions-list-heading">{t('versions.list')}</h3>
      {versions.state === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {versions.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {versions.state === 'ready' && list.length === 0 ? (
        <p className="muted">{t('versions.none')}</p>
      ) : null}
      <ol className="version-list" aria-labelledby="versions-list-heading">
        {list.map((version) => (
          <VersionItem
            key={version.id}
            version={version}
            author={names.get(version.createdBy) ?? t('versions.someone')}
            canWrite={canWrite}
            onCompare={() =>
              onCompare({
                from: version.id,
                to: live,
                fromLabel: version.name,
                toLabel: t('versions.current'),
                fromAt: version.createdAt,
              })
            }
            onRestore={() => restore(version)}
          />
        ))}
      </ol>
      {list.length > 0 ? (
        <CompareForm
          versions={list}
          onCompare={(from, to) =>
            onCompare({
              from,
              to,
              fromLabel: labelOf(from),
              toLabel: labelOf(to),
              fromAt: atOf(from),
              toAt: atOf(to),
            })
          }
        />
      ) : null}
      <ActivityList documentId={document.id} refreshKey={refreshKey} />
      <ClauseAuthorship documentId={document.id} refreshKey={refreshKey} />
    </div>
  )
}

const SaveVersionForm = ({
  documentId,
  onSaved,
  onFailed,
}: {
  documentId: string
  onSaved: (version: Version) => void
  onFailed: () => void
}) => {
  const t = useT()
  const [name, setName] = useState('')
  const [accepted, setAccepted] = useState(false)
  const [saving, setSaving] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return
    setSaving(true)
    try {
      onSaved(await saveVersion(documentId, name.trim(), accepted))
      setName('')
    } catch {
      onFailed()
    }
    setSaving(false)
  }
  return (
    <form className="form" onSubmit={submit} aria-label={t('versions.save')}>
      <Field label={t('versions.saveName')} hint={t('versions.saveNameHint')}>
        {(props) => (
          <input
            {...props}
            required
            maxLength={120}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={accepted}
          onChange={(event) => setAccepted(event.target.checked)}
        />
        {t('suggest.saveAccepted')}
      </label>
      <button type="submit" className="button button--primary" disabled={saving}>
        {saving ? t('versions.saving') : t('versions.save')}
      </button>
    </form>
  )
}
