import { z } from 'zod'
import { Language } from './language.js'
import { DisplayName, Participant, StakeholderGroup } from './people.js'
import { multiLine, oneLine } from './text-line.js'

export const Workspace = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  /** What the workspace's artefacts are produced in; workspaces from before were English. */
  language: Language.default('en'),
})
export type Workspace = z.infer<typeof Workspace>

export const CreateWorkspaceBody = z.strictObject({
  name: oneLine(120),
  description: multiLine(2000).optional(),
  /** The creator's own name and group; they become the first facilitator. */
  displayName: DisplayName.optional(),
  group: StakeholderGroup.optional(),
  /** The workspace's language (default English); a facilitator can change it later. */
  language: Language.optional(),
})
export type CreateWorkspaceBody = z.infer<typeof CreateWorkspaceBody>

/** What a facilitator changes about the workspace itself. */
export const UpdateWorkspaceBody = z.strictObject({ language: Language })
export type UpdateWorkspaceBody = z.infer<typeof UpdateWorkspaceBody>

/** A participant's bearer token comes back exactly once, when it is created. */
export const Credentials = z.object({
  participant: Participant,
  token: z.string(),
})

export const CreatedWorkspace = Credentials.extend({ workspace: Workspace })
export type CreatedWorkspace = z.infer<typeof CreatedWorkspace>

export const Me = z.object({ workspace: Workspace, participant: Participant })
export type Me = z.infer<typeof Me>
