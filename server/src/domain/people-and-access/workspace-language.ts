import { type ArtefactWords, artefactWords } from '../../../../shared/src/artefacts/words.js'
import { defaultLanguage, type Language } from '../../../../shared/src/schema/language.js'
import type { Repositories } from '../ports.js'

/** The language a workspace's artefacts are produced in (English for one not found). */
export const workspaceLanguage = async (
  repositories: Pick<Repositories, 'workspaces'>,
  workspaceId: string,
): Promise<Language> =>
  (await repositories.workspaces.findWorkspace(workspaceId))?.language ?? defaultLanguage

/** The words of a workspace's artefacts, in its language. */
export const workspaceWords = async (
  repositories: Pick<Repositories, 'workspaces'>,
  workspaceId: string,
): Promise<ArtefactWords> => artefactWords(await workspaceLanguage(repositories, workspaceId))
