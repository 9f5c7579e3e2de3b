import { defaultLanguage } from '../../../../shared/src/schema/language.js'
import type { Repositories } from '../ports.js'
import type { MailContext } from './mail-render.js'

/** The workspace a mail comes from: its name, and the language every mail of it is written in. */
export const mailContextOf = async (
  repositories: Pick<Repositories, 'workspaces'>,
  workspaceId: string,
): Promise<MailContext> => {
  const workspace = await repositories.workspaces.findWorkspace(workspaceId)
  return {
    workspaceName: workspace?.name ?? '',
    language: workspace?.language ?? defaultLanguage,
  }
}
