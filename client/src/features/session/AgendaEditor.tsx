import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import {
  type AgendaItem,
  agendaMaxStages,
  type SessionState,
} from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { stageTitle, standardStageTitles, storedStageTitle } from './stage-title.js'
import { useCommand } from './use-command.js'

const nameMax = 80
const minutesMax = 240

/** The last stage run: it and every stage before it stay in place (the server's `past_stage`). */
const lastRun = (live: SessionState): number =>
  Math.max(live.stage, ...live.stageLog.map((entry) => entry.index))

/**
 * Runners shape the agenda while the session runs: rename and time any stage, move and remove
 * the stages not yet run, add new ones after the current stage. Buttons, not dragging, so a
 * keyboard and a phone do all of it; every change reaches everyone through the session room.
 */
export const AgendaEditor = ({ sessionId, live }: { sessionId: string; live: SessionState }) => {
  const t = useT()
  const command = useCommand(sessionId)
  const fixed = lastRun(live)
  const listId = useId()
  const section = useRef<HTMLElement>(null)
  // A moved stage's row is drawn anew: keyboard focus follows it to its new place, on the first
  // of its buttons that is still enabled once the new agenda has arrived.
  const [follow, setFollow] = useState<number>()
  useEffect(() => {
    if (follow === undefined || !live.agenda) return
    const row = section.current?.querySelectorAll('.agenda-editor__stage')[follow]
    const target = row?.querySelector<HTMLElement>('button.agenda-editor__move:not(:disabled)')
    target?.focus()
  }, [follow, live.agenda])
  // Each edit names the stage it was made on: one that changed meanwhile is refused, not hit.
  const move = async (index: number, to: number, seen: string) => {
    setFollow(undefined)
    if (await command.run({ type: 'agenda.stage.move', index, to, seen })) setFollow(to)
  }
  return (
    <section ref={section} className="agenda-editor" aria-label={t('session.agendaEditor')}>
      <h3>{t('session.agendaEditor')}</h3>
      <p className="muted">{t('session.stageRun')}</p>
      <datalist id={listId}>
        {standardStageTitles(t).map((title) => (
          <option key={title} value={title} />
        ))}
      </datalist>
      <ol className="agenda-editor__list">
        {live.agenda.map((item, index) => (
          <StageRow
            // The row's inputs start from the stage's values; a change to it starts them again.
            // biome-ignore lint/suspicious/noArrayIndexKey: stages are positional, titles repeat
            key={`${index}:${item.title}:${item.minutes}`}
            item={item}
            index={index}
            movable={index > fixed}
            canMoveUp={index - 1 > fixed}
            canMoveDown={index > fixed && index < live.agenda.length - 1}
            listId={listId}
            command={command}
            move={move}
          />
        ))}
      </ol>
      {live.agenda.length < agendaMaxStages ? (
        <AddStageForm listId={listId} command={command} />
      ) : null}
      {command.error ? <Notice tone="error">{command.error}</Notice> : null}
    </section>
  )
}

type Command = ReturnType<typeof useCommand>

const StageRow = ({
  item,
  index,
  movable,
  canMoveUp,
  canMoveDown,
  listId,
  command: { run, busy },
  move,
}: {
  item: AgendaItem
  index: number
  movable: boolean
  canMoveUp: boolean
  canMoveDown: boolean
  listId: string
  command: Command
  move: (index: number, to: number, seen: string) => Promise<void>
}) => {
  const t = useT()
  const shown = stageTitle(t, item.title)
  const [title, setTitle] = useState(shown)
  const [minutes, setMinutes] = useState(String(item.minutes))
  const number = index + 1
  const save = async (event: FormEvent) => {
    event.preventDefault()
    let seen = item.title
    if (title.trim() !== shown) {
      const stored = storedStageTitle(t, title)
      if (!(await run({ type: 'agenda.stage.rename', index, title: stored, seen }))) return
      seen = stored
    }
    if (Number(minutes) !== item.minutes) {
      await run({ type: 'agenda.stage.time', index, minutes: Number(minutes), seen })
    }
  }
  return (
    <li className="agenda-editor__stage">
      <form className="agenda-editor__row" onSubmit={save}>
        <span className="stage__number">{number}</span>
        <input
          className="agenda-editor__title"
          aria-label={t('session.stageName', { number })}
          required
          maxLength={nameMax}
          list={listId}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
        <input
          className="agenda-editor__minutes"
          type="number"
          aria-label={t('session.stageMinutesOf', { number })}
          required
          min={1}
          max={minutesMax}
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
        />
        <RowButton
          submit
          label={t('session.stageSave')}
          named={t('session.stageSaveNamed', { number })}
          disabled={busy}
        />
        <RowButton
          label={t('session.stageUp')}
          named={t('session.stageUpNamed', { number })}
          disabled={busy || !canMoveUp}
          moves
          onClick={() => void move(index, index - 1, item.title)}
        />
        <RowButton
          label={t('session.stageDown')}
          named={t('session.stageDownNamed', { number })}
          disabled={busy || !canMoveDown}
          moves
          onClick={() => void move(index, index + 1, item.title)}
        />
        <RowButton
          label={t('session.stageRemove')}
          named={t('session.stageRemoveNamed', { number })}
          disabled={busy || !movable}
          onClick={() => void run({ type: 'agenda.stage.remove', index, seen: item.title })}
        />
      </form>
    </li>
  )
}

/** A short button whose accessible name says which stage it acts on ("Move stage 3 up"). */
const RowButton = ({
  label,
  named,
  disabled,
  submit = false,
  moves = false,
  onClick,
}: {
  label: string
  named: string
  disabled: boolean
  submit?: boolean
  /** Up or Down: where focus goes after a move. */
  moves?: boolean
  onClick?: () => void
}) => (
  <button
    type={submit ? 'submit' : 'button'}
    className={`button button--small${moves ? ' agenda-editor__move' : ''}`}
    disabled={disabled}
    aria-label={named}
    onClick={onClick}
  >
    {label}
  </button>
)

const AddStageForm = ({ listId, command: { run, busy } }: { listId: string; command: Command }) => {
  const t = useT()
  const [title, setTitle] = useState('')
  const [minutes, setMinutes] = useState('15')
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const added = await run({
      type: 'agenda.stage.add',
      title: storedStageTitle(t, title),
      minutes: Number(minutes),
    })
    if (added) setTitle('')
  }
  return (
    <form className="form agenda-editor__add" onSubmit={submit} aria-label={t('session.newStage')}>
      <Field label={t('session.newStageName')}>
        {(props) => (
          <input
            {...props}
            required
            maxLength={nameMax}
            list={listId}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('session.newStageMinutes')}>
        {(props) => (
          <input
            {...props}
            type="number"
            required
            min={1}
            max={minutesMax}
            value={minutes}
            onChange={(event) => setMinutes(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('session.addStage')}
      </button>
    </form>
  )
}
