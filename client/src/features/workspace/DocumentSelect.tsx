import type { PlanDocument } from '../../../../shared/src/schema/document.js'
import { Field } from '../../ui/Field.js'

/**
 * A choice among the workspace's documents that are not archived, the first choice (`none`)
 * being none of them.
 */
export const DocumentSelect = ({
  label,
  none,
  documents,
  value,
  onChange,
  error,
}: {
  label: string
  none: string
  documents: readonly PlanDocument[]
  value: string
  onChange: (documentId: string) => void
  error?: string
}) => (
  <Field label={label} {...(error ? { error } : {})}>
    {(props) => (
      <select {...props} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{none}</option>
        {documents
          .filter((document) => !document.archived)
          .map((document) => (
            <option key={document.id} value={document.id}>
              {document.title}
            </option>
          ))}
      </select>
    )}
  </Field>
)
