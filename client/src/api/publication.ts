import {
  Publication,
  PublicFeed,
  type PublishBody,
} from '../../../shared/src/schema/publication.js'
import { request } from './http.js'

const publicationPath = (workspaceId: string) =>
  `/api/workspaces/${encodeURIComponent(workspaceId)}/publication`

export const fetchPublication = (workspaceId: string) =>
  request('GET', publicationPath(workspaceId), Publication)

/**
 * Facilitators publish (or withdraw) the workspace's record, named or anonymised. The server
 * keeps the current choice when `anonymised` is left out; this client always says it, so what
 * is saved is what the form shows.
 */
export const setPublication = (workspaceId: string, body: Required<PublishBody>) =>
  request('PUT', publicationPath(workspaceId), Publication, body)

/** Exactly what publishing with this choice would show (facilitators). */
export const fetchPublicationPreview = (workspaceId: string, anonymised: boolean) =>
  request(
    'GET',
    `${publicationPath(workspaceId)}/preview?anonymised=${anonymised ? 'true' : 'false'}`,
    PublicFeed,
  )

/** The public record: no token, no cookie needed. */
export const fetchPublicFeed = (publicId: string) =>
  request('GET', `/api/public/${encodeURIComponent(publicId)}`, PublicFeed)
