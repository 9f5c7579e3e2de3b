import { type FormEvent, useState } from 'react'
import { DecisionRule } from '../../../../shared/src/schema/decision-rule.js'
import { fetchDocuments } from '../../api/documents.js'
import { useT } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { Checkbox } from '../../ui/Checkbox.js'
import { ChoiceField } from '../../ui/ChoiceField.js'
import { CountField } from '../../ui/CountField.js'
import { Notice } from '../../ui/Notice.js'
import { DocumentSelect } from '../workspace/DocumentSelect.js'
import { ProposalWording } from './ProposalWording.js'
import { useCommand } from './use-command.js'

/** Runners put a motion to the room: title, text and, optionally, the document it is about. */
export const OpenProposalForm = ({
  sessionId,
  workspaceId,
}: {
  sessionId: string
  workspaceId: string
}) => {
  const t = useT()
  const [documents] = useLoad(() => fetchDocuments(workspaceId), [workspaceId])
  const { run, busy, error } = useCommand(sessionId)
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [documentId, setDocumentId] = useState('')
  const [rule, setRule] = useState<DecisionRule>('consent')
  const [quorum, setQuorum] = useState('')
  const [hideResults, setHideResults] = useState(false)
  const [anonymous, setAnonymous] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const opened = await run({
      type: 'proposal.open',
      title,
      text,
      ...(documentId ? { documentId } : {}),
      rule,
      ...(quorum ? { quorum: Number(quorum) } : {}),
      ...(hideResults ? { hideResults } : {}),
      ...(anonymous ? { anonymous } : {}),
    })
    if (opened) {
      setTitle('')
      setText('')
      setDocumentId('')
      setQuorum('')
    }
  }
  return (
    <form className="form form--boxed" onSubmit={submit} aria-label={t('session.openProposal')}>
      <h3>{t('session.openProposal')}</h3>
      <ProposalWording title={title} text={text} onTitle={setTitle} onText={setText} />
      <DocumentSelect
        label={t('session.proposalDocument')}
        none={t('session.noDocument')}
        documents={documents.state === 'ready' ? documents.value : []}
        value={documentId}
        onChange={setDocumentId}
      />
      <div className="inline-form">
        <ChoiceField
          label={t('session.decisionRule')}
          options={DecisionRule.options}
          value={rule}
          onChange={setRule}
          name={(value) => t(`session.decisionRuleOption.${value}`)}
        />
        <CountField label={t('session.quorum')} value={quorum} onChange={setQuorum} />
      </div>
      <Checkbox label={t('hidden.option')} checked={hideResults} onChange={setHideResults} />
      <Checkbox label={t('anonymous.option')} checked={anonymous} onChange={setAnonymous} />
      {error ? <Notice tone="error">{error}</Notice> : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('session.openSubmit')}
      </button>
    </form>
  )
}
