import { z } from 'zod'
import { PlanAuthorship } from '../../../shared/src/schema/authorship.js'
import { PlanClauses } from '../../../shared/src/schema/clause.js'
import {
  BlockChange,
  EditingSession,
  type ExportFormat,
  Version,
} from '../../../shared/src/schema/version.js'
import { request } from './http.js'

/** `live` names the document as it is now; anything else is a version id. */
export const live = 'live'

const base = (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}`

export const fetchVersions = async (documentId: string) =>
  (await request('GET', `${base(documentId)}/versions`, z.object({ versions: z.array(Version) })))
    .versions

export const saveVersion = async (documentId: string, name: string, acceptSuggestions = false) =>
  (
    await request(
      'POST',
      `${base(documentId)}/versions`,
      z.object({ version: Version }),
      acceptSuggestions ? { name, acceptSuggestions } : { name },
    )
  ).version

export const compareVersions = async (documentId: string, from: string, to: string) => {
  const query = new URLSearchParams({ from, to })
  return (
    await request(
      'GET',
      `${base(documentId)}/compare?${query}`,
      z.object({ changes: z.array(BlockChange) }),
    )
  ).changes
}

export const restoreVersion = async (documentId: string, versionId: string) =>
  (
    await request(
      'POST',
      `${base(documentId)}/versions/${encodeURIComponent(versionId)}/restore`,
      z.object({ savedBefore: Version }),
    )
  ).savedBefore

export const Activity = z.object({
  sessions: z.array(EditingSession),
  byGroup: z.record(z.string(), z.number()),
})
export type Activity = z.infer<typeof Activity>

export const fetchActivity = (documentId: string) =>
  request('GET', `${base(documentId)}/activity`, Activity)

/** A download link (the server answers with Content-Disposition: attachment). */
export const exportUrl = (documentId: string, format: ExportFormat, version: string = live) =>
  `${base(documentId)}/export?${new URLSearchParams({ format, version })}`

/** Who wrote each passage of a version or the live text, clause by clause. */
export const fetchAuthorship = (documentId: string, version: string = live) =>
  request(
    'GET',
    `${base(documentId)}/authorship?${new URLSearchParams({ version })}`,
    PlanAuthorship,
  )

/** The clauses proposals were anchored to in a plan, and how each stands. */
export const fetchClauses = async (documentId: string) =>
  (await request('GET', `${base(documentId)}/clauses`, PlanClauses)).clauses
