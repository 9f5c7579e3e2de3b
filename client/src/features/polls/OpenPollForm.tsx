import { type FormEvent, useState } from 'react'
import { PollKind } from '../../../../shared/src/schema/poll.js'
import { fetchDocuments } from '../../api/documents.js'
import { fetchPlanContent } from '../../api/polls.js'
import { useT } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { Checkbox } from '../../ui/Checkbox.js'
import { ChoiceField } from '../../ui/ChoiceField.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { TextField } from '../../ui/TextField.js'
import { DocumentSelect } from '../workspace/DocumentSelect.js'
import { planPassages } from './plan-passages.js'
import { usePollCommand } from './use-poll-command.js'

/** Runners put a quick question to the room: kind, options (or ideas to collect), anonymity. */
export const OpenPollForm = ({
  sessionId,
  workspaceId,
}: {
  sessionId: string
  workspaceId: string
}) => {
  const t = useT()
  const [documents] = useLoad(() => fetchDocuments(workspaceId), [workspaceId])
  const [plan, setPlan] = useState('')
  const [planFailed, setPlanFailed] = useState(false)
  /** Dot-voting on a plan's passages: its sections (or paragraphs) become the options. */
  const fromPlan = async (documentId: string) => {
    setPlan(documentId)
    setPlanFailed(false)
    if (!documentId) return
    try {
      setOptions(planPassages(await fetchPlanContent(documentId)).join('\n'))
    } catch {
      setPlanFailed(true)
    }
  }
  const { run, busy, error } = usePollCommand(sessionId)
  const [title, setTitle] = useState('')
  const [kind, setKind] = useState<PollKind>('single')
  const [options, setOptions] = useState('')
  const [collectIdeas, setCollectIdeas] = useState(false)
  const [anonymous, setAnonymous] = useState(false)
  const [hideResults, setHideResults] = useState(false)
  const [dots, setDots] = useState('3')
  const collecting = kind === 'dots' && collectIdeas
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const opened = await run({
      type: 'poll.open',
      poll: {
        title,
        kind,
        options: collecting
          ? []
          : options
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
        anonymous,
        hideResults,
        collectIdeas: collecting,
        scoreMax: 5,
        dots: Number(dots) || 3,
        threshold: 3,
      },
    })
    if (opened) {
      setTitle('')
      setOptions('')
    }
  }
  return (
    <form className="form form--boxed" onSubmit={submit} aria-label={t('poll.open')}>
      <h3>{t('poll.open')}</h3>
      <TextField label={t('poll.question')} value={title} onChange={setTitle} maxLength={200} />
      <ChoiceField
        label={t('poll.kind')}
        options={PollKind.options}
        value={kind}
        onChange={setKind}
        name={(value) => t(`poll.kind.${value}`)}
      />
      {kind === 'dots' ? (
        <>
          <Checkbox
            label={t('poll.collectIdeas')}
            checked={collectIdeas}
            onChange={setCollectIdeas}
          />
          <Field label={t('poll.dots')}>
            {(props) => (
              <input
                {...props}
                type="number"
                inputMode="numeric"
                min={1}
                max={20}
                value={dots}
                onChange={(event) => setDots(event.target.value)}
              />
            )}
          </Field>
        </>
      ) : null}
      {kind === 'dots' && !collecting && documents.state === 'ready' ? (
        <DocumentSelect
          label={t('poll.fromPlan')}
          none={t('poll.fromPlanNone')}
          documents={documents.value}
          value={plan}
          onChange={(documentId) => void fromPlan(documentId)}
          {...(planFailed ? { error: t('common.loadFailed') } : {})}
        />
      ) : null}
      {collecting ? null : (
        <Field label={t('poll.options')} hint={t('poll.optionsHint')}>
          {(props) => (
            <textarea
              {...props}
              required
              rows={4}
              value={options}
              onChange={(event) => setOptions(event.target.value)}
            />
          )}
        </Field>
      )}
      <Checkbox label={t('poll.anonymous')} checked={anonymous} onChange={setAnonymous} />
      <Checkbox label={t('poll.hideResults')} checked={hideResults} onChange={setHideResults} />
      {error ? <Notice tone="error">{error}</Notice> : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('poll.openSubmit')}
      </button>
    </form>
  )
}
