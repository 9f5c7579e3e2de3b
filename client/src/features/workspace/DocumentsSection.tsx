import { type FormEvent, useState } from 'react'
import type { DocumentTemplate, PlanDocument } from '../../../../shared/src/schema/document.js'
import type { Role } from '../../../../shared/src/schema/people.js'
import { createDocument, fetchDocuments, updateDocument } from '../../api/documents.js'
import { useT } from '../../app/i18n/i18n.js'
import { Link, navigate } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { useLoad } from '../../app/use-load.js'
import { Field } from '../../ui/Field.js'
import { Loading } from '../../ui/Loading.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { TextField } from '../../ui/TextField.js'
import { useNews } from './workspace-live.js'

const writers: readonly Role[] = ['facilitator', 'mediator', 'stakeholder']

/** The workspace's plans: open, create (writers), rename (writers), archive (facilitators). */
export const DocumentsSection = ({ workspaceId, role }: { workspaceId: string; role: Role }) => {
  const t = useT()
  const news = useNews('documents')
  const [documents, reload] = useLoad(() => fetchDocuments(workspaceId), [workspaceId, news])
  const [showArchived, setShowArchived] = useState(false)
  const canWrite = writers.includes(role)
  const list = documents.state === 'ready' ? documents.value : []
  const visible = list.filter((document) => showArchived || !document.archived)
  const archivedCount = list.filter((document) => document.archived).length
  return (
    <Section title={t('documents.title')}>
      {documents.state === 'loading' ? <Loading label={t('common.loading')} /> : null}
      {documents.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {documents.state === 'ready' && visible.length === 0 ? (
        <p className="muted">{t('documents.none')}</p>
      ) : null}
      <ul className="document-list">
        {visible.map((document) => (
          <DocumentRow
            key={document.id}
            document={document}
            canRename={canWrite}
            canArchive={role === 'facilitator'}
            onChanged={reload}
          />
        ))}
      </ul>
      {archivedCount > 0 ? (
        <button
          type="button"
          className="button button--link"
          onClick={() => setShowArchived((v) => !v)}
        >
          {showArchived
            ? t('documents.hideArchived')
            : t('documents.showArchived', { count: archivedCount })}
        </button>
      ) : null}
      {canWrite ? <CreateDocumentForm workspaceId={workspaceId} /> : null}
    </Section>
  )
}

const DocumentRow = ({
  document,
  canRename,
  canArchive,
  onChanged,
}: {
  document: PlanDocument
  canRename: boolean
  canArchive: boolean
  onChanged: () => void
}) => {
  const t = useT()
  const [renaming, setRenaming] = useState(false)
  const [title, setTitle] = useState(document.title)
  const [error, setError] = useState(false)
  const change = async (body: { title?: string; archived?: boolean }) => {
    setError(false)
    try {
      await updateDocument(document.workspaceId, document.id, body)
      setRenaming(false)
      onChanged()
    } catch {
      setError(true)
    }
  }
  const rename = (event: FormEvent) => {
    event.preventDefault()
    void change({ title })
  }
  return (
    <li className="document-row">
      {renaming ? (
        <form className="inline-form" onSubmit={rename}>
          <Field label={t('documents.newTitle')}>
            {(props) => (
              <input
                {...props}
                required
                maxLength={200}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button button--primary">
            {t('common.save')}
          </button>
          <button type="button" className="button" onClick={() => setRenaming(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <>
          <Link
            className="document-row__title"
            href={paths.document(document.workspaceId, document.id)}
          >
            {document.title}
          </Link>
          {document.archived ? <span className="tag">{t('documents.archived')}</span> : null}
          <span className="document-row__actions">
            {canRename ? (
              <button
                type="button"
                className="button button--small"
                aria-label={t('documents.renameNamed', { title: document.title })}
                onClick={() => setRenaming(true)}
              >
                {t('documents.rename')}
              </button>
            ) : null}
            {canArchive ? (
              <button
                type="button"
                className="button button--small"
                aria-label={t(
                  document.archived ? 'documents.unarchiveNamed' : 'documents.archiveNamed',
                  {
                    title: document.title,
                  },
                )}
                onClick={() => void change({ archived: !document.archived })}
              >
                {document.archived ? t('documents.unarchive') : t('documents.archive')}
              </button>
            ) : null}
          </span>
        </>
      )}
      {error ? <Notice tone="error">{t('common.actionFailed')}</Notice> : null}
    </li>
  )
}

const CreateDocumentForm = ({ workspaceId }: { workspaceId: string }) => {
  const t = useT()
  const [title, setTitle] = useState('')
  const [template, setTemplate] = useState<DocumentTemplate>('smart-city-vision')
  const [error, setError] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(false)
    try {
      const document = await createDocument(workspaceId, { title, template })
      navigate(paths.document(workspaceId, document.id))
    } catch {
      setError(true)
    }
  }
  return (
    <form className="form form--boxed" onSubmit={submit} aria-label={t('documents.create')}>
      <h3>{t('documents.create')}</h3>
      <div className="form__row">
        <TextField
          label={t('documents.documentTitle')}
          value={title}
          onChange={setTitle}
          maxLength={200}
        />
        <Field label={t('documents.template')}>
          {(props) => (
            <select
              {...props}
              value={template}
              onChange={(e) =>
                setTemplate(e.target.value === 'blank' ? 'blank' : 'smart-city-vision')
              }
            >
              <option value="smart-city-vision">{t('documents.templateVision')}</option>
              <option value="blank">{t('documents.templateBlank')}</option>
            </select>
          )}
        </Field>
      </div>
      {error ? <Notice tone="error">{t('common.actionFailed')}</Notice> : null}
      <button type="submit" className="button button--primary">
        {t('documents.createSubmit')}
      </button>
    </form>
  )
}
