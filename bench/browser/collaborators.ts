import type { Browser, BrowserContext, Page } from 'playwright-core'
import { httpRequest } from '../lib/net.js'

const OPEN_TIMEOUT_MS = 180_000

export interface Collaborator {
  context: BrowserContext
  page: Page
}

interface Plan {
  workspaceId: string
  documentId: string
  tokens: string[]
}

const call = async (
  base: string,
  method: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<unknown> => {
  const answer = await httpRequest(`${base}${path}`, {
    method,
    json: body,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    timeoutMs: 30_000,
  })
  if (answer.status !== 200 && answer.status !== 201)
    throw new Error(`${method} ${path}: ${answer.status} ${answer.body.slice(0, 200)}`)
  return JSON.parse(answer.body)
}

/** A workspace, one blank plan and `people` participants (the facilitator, then stakeholders). */
export const preparePlan = async (port: number, people: number): Promise<Plan> => {
  const base = `http://127.0.0.1:${port}`
  const created = (await call(base, 'POST', '/api/workspaces', {
    name: 'Keystroke bench',
    displayName: 'Fasilitator',
    group: 'government',
  })) as { token: string; workspace: { id: string } }
  const workspaceId = created.workspace.id
  const { document } = (await call(
    base,
    'POST',
    `/api/workspaces/${workspaceId}/documents`,
    { title: 'Keystroke plan', template: 'blank' },
    created.token,
  )) as { document: { id: string } }
  const tokens = [created.token]
  for (let i = 1; i < people; i += 1) {
    const { invite } = (await call(
      base,
      'POST',
      `/api/workspaces/${workspaceId}/invites`,
      { role: 'stakeholder' },
      created.token,
    )) as { invite: { code: string } }
    const accepted = (await call(base, 'POST', `/api/invites/${invite.code}/accept`, {
      displayName: `Warga ${i}`,
      group: 'community',
    })) as { token: string }
    tokens.push(accepted.token)
  }
  return { workspaceId, documentId: document.id, tokens }
}

/**
 * Opens the plan as one participant in a fresh browser profile and puts the caret in the
 * text, so everyone else draws this person's caret.
 */
export const openPlan = async (
  browser: Browser,
  port: number,
  plan: Plan,
  token: string,
): Promise<Collaborator> => {
  const base = `http://127.0.0.1:${port}`
  const context = await browser.newContext({
    baseURL: base,
    locale: 'en-GB',
    viewport: { width: 1280, height: 860 },
  })
  await context.addCookies([
    {
      name: `mufakat_${plan.workspaceId}`,
      value: token,
      url: base,
      httpOnly: true,
      sameSite: 'Strict',
    },
  ])
  // Thirty pages loading on one core of a busy machine are slow: generous, never endless.
  context.setDefaultTimeout(OPEN_TIMEOUT_MS)
  context.setDefaultNavigationTimeout(OPEN_TIMEOUT_MS)
  const page = await context.newPage()
  await page.goto(`/w/${plan.workspaceId}/d/${plan.documentId}`)
  const text = page.getByRole('textbox', { name: /^Text of|^Teks/ })
  await text.and(page.locator('[contenteditable="true"]')).waitFor()
  await text.click()
  // The caret is published on an edit or selection change once the text is bound, which
  // the click may precede: a typed and erased space publishes it for certain.
  await page.keyboard.type(' ')
  await page.keyboard.press('Backspace')
  return { context, page }
}
