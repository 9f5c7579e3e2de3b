import {
  isLanguageCode,
  type LanguageCode as Language,
  languageCodes,
} from '../../../../shared/src/schema/language-codes.js'
import { useT } from '../../app/i18n/i18n.js'

/** The language a workspace's artefacts are produced in, each named in its own language. */
export const WorkspaceLanguageSelect = ({
  value,
  onChange,
  ...props
}: {
  id: string
  value: Language
  onChange: (language: Language) => void
  disabled?: boolean
  'aria-describedby'?: string
}) => {
  const t = useT()
  return (
    <select
      {...props}
      value={value}
      onChange={(event) => {
        if (isLanguageCode(event.target.value)) onChange(event.target.value)
      }}
    >
      {languageCodes.map((language) => (
        <option key={language} value={language} lang={language}>
          {t(`workspaceLanguage.${language}`)}
        </option>
      ))}
    </select>
  )
}
