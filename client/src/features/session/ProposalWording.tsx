import { useT } from '../../app/i18n/i18n.js'
import { Field } from '../../ui/Field.js'
import { TextField } from '../../ui/TextField.js'

/** A proposal's title and text as a runner words it, with the limits the server checks. */
export const ProposalWording = ({
  title,
  text,
  onTitle,
  onText,
  rows = 3,
}: {
  title: string
  text: string
  onTitle: (title: string) => void
  onText: (text: string) => void
  rows?: number
}) => {
  const t = useT()
  return (
    <>
      <TextField
        label={t('session.proposalTitle')}
        value={title}
        onChange={onTitle}
        maxLength={200}
      />
      <Field label={t('session.proposalText')}>
        {(props) => (
          <textarea
            {...props}
            required
            rows={rows}
            maxLength={5000}
            value={text}
            onChange={(event) => onText(event.target.value)}
          />
        )}
      </Field>
    </>
  )
}
