import { type FormEvent, useState } from 'react'
import type { Version } from '../../../../shared/src/schema/version.js'
import { live } from '../../api/versions.js'
import { useT } from '../../app/i18n/i18n.js'
import { Field } from '../../ui/Field.js'

/** Compare any two states: two versions, or a version and the current text. */
export const CompareForm = ({
  versions,
  onCompare,
}: {
  versions: Version[]
  onCompare: (from: string, to: string) => void
}) => {
  const t = useT()
  const [from, setFrom] = useState(versions[versions.length - 1]?.id ?? live)
  const [to, setTo] = useState(live)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onCompare(from, to)
  }
  const options = (
    <>
      <option value={live}>{t('versions.current')}</option>
      {versions.map((version) => (
        <option key={version.id} value={version.id}>
          {version.name}
        </option>
      ))}
    </>
  )
  return (
    <form className="form form--boxed" onSubmit={submit} aria-label={t('versions.compareTitle')}>
      <h3>{t('versions.compareTitle')}</h3>
      <Field label={t('versions.compareFrom')}>
        {(props) => (
          <select {...props} value={from} onChange={(event) => setFrom(event.target.value)}>
            {options}
          </select>
        )}
      </Field>
      <Field label={t('versions.compareTo')}>
        {(props) => (
          <select {...props} value={to} onChange={(event) => setTo(event.target.value)}>
            {options}
          </select>
        )}
      </Field>
      <button type="submit" className="button">
        {t('versions.compareSubmit')}
      </button>
    </form>
  )
}
