import {
  type MailChoices,
  MailSettings,
  type SetMailAddressBody,
  type SetMailChoicesBody,
} from '../../../shared/src/schema/mail.js'
import { request } from './http.js'

const base = (workspaceId: string) => `/api/workspaces/${workspaceId}/mail`

/** The signed-in person's own e-mail settings (nobody else's are ever readable). */
export const fetchMailSettings = (workspaceId: string) =>
  request('GET', base(workspaceId), MailSettings)

/** Adds or changes the address; the server mails it a link to confirm it. */
export const setMailAddress = (workspaceId: string, address: string) =>
  request('PUT', `${base(workspaceId)}/address`, MailSettings, {
    address,
  } satisfies SetMailAddressBody)

export const removeMailAddress = (workspaceId: string) =>
  request('DELETE', `${base(workspaceId)}/address`, MailSettings)

export const setMailChoices = (workspaceId: string, choices: Partial<MailChoices>) =>
  request('PUT', `${base(workspaceId)}/choices`, MailSettings, {
    choices,
  } satisfies SetMailChoicesBody)
