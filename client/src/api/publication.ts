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

/** Facilitators publish (or withdraw) the workspace's record, named or anonymised. */
export const setPublication = (workspaceId: string, body: PublishBody) =>
  request('PUT', publicationPath(workspaceId), Publication, body)

/** The public record: no token, no cookie needed. */
export const fetchPublicFeed = (publicId: string) =>
  request('GET', `/api/public/${encodeURIComponent(publicId)}`, PublicFeed)
