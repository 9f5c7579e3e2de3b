import { type ArtefactWords, artefactWords } from '../../../shared/src/artefacts/words.js'
import { defaultLanguage, type Language } from '../../../shared/src/schema/language.js'
import type { Repositories } from './ports.js'

/** The language a workspace's artefacts are produced in (English for one not found). */
export const workspaceLanguage = (
  repositories: Pick<Repositories, 'workspaces'>,
  workspaceId: string,
): Language => repositories.workspaces.findWorkspace(workspaceId)?.language ?? defaultLanguage

/** The words of a workspace's artefacts, in its language. */
export const workspaceWords = (
  repositories: Pick<Repositories, 'workspaces'>,
  workspaceId: string,
): ArtefactWords => artefactWords(workspaceLanguage(repositories, workspaceId))
