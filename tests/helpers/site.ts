import type { AuditEntry } from '../../shared/src/schema/audit.js'
import type { PlanDocument } from '../../shared/src/schema/document.js'
import type { Participant, Role, StakeholderGroup } from '../../shared/src/schema/people.js'
import type { CreatedWorkspace } from '../../shared/src/schema/workspace.js'
import { type Client, connectClient, connectRaw, type RawSocket, readRoom } from './clients.js'
import type { TestServer } from './server.js'

type Endpoint = Pick<TestServer, 'httpUrl' | 'syncUrl'>

/** Calls the REST API like any client; throws with the body on an unexpected status. */
export const api = async <T>(
  server: Pick<TestServer, 'httpUrl'>,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; expect?: number } = {},
): Promise<T> => {
  const response = await fetch(`${server.httpUrl}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await response.text()
  const expected = options.expect ?? (method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200)
  if (response.status !== expected) {
    throw new Error(`${method} ${path}: expected ${expected}, got ${response.status}: ${text}`)
  }
  return (text ? JSON.parse(text) : undefined) as T
}

/**
 * A workspace provisioned through the API, as a real client would, with documents created on
 * demand by title. Rooms are then addressed by those titles.
 */
export class Site {
  /** Promises, so that clients asking for the same title at once share one document. */
  readonly #documents: Map<string, Promise<PlanDocument>>

  private constructor(
    readonly server: Endpoint,
    readonly created: CreatedWorkspace,
    documents = new Map<string, Promise<PlanDocument>>(),
  ) {
    this.#documents = documents
  }

  /** `adminToken`: the server's ADMIN_TOKEN, when it was started with one. */
  static async open(
    server: Endpoint,
    name = 'Bandung Smart Mobility 2030',
    adminToken?: string,
  ): Promise<Site> {
    const created = await api<CreatedWorkspace>(server, 'POST', '/api/workspaces', {
      body: { name, displayName: 'Fasilitator', group: 'government' },
      ...(adminToken ? { token: adminToken } : {}),
    })
    return new Site(server, created)
  }

  get workspaceId(): string {
    return this.created.workspace.id
  }

  /** The facilitator's token. */
  get token(): string {
    return this.created.token
  }

  /** The same workspace on a restarted server. */
  on(server: Endpoint): Site {
    return new Site(server, this.created, this.#documents)
  }

  /** The workspace's audit log, as its facilitator reads it. */
  async audit(): Promise<AuditEntry[]> {
    const path = `/api/workspaces/${this.workspaceId}/audit`
    return (await api<{ entries: AuditEntry[] }>(this.server, 'GET', path, { token: this.token }))
      .entries
  }

  document(title: string, template = 'blank'): Promise<PlanDocument> {
    let document = this.#documents.get(title)
    if (!document) {
      document = api<{ document: PlanDocument }>(
        this.server,
        'POST',
        `/api/workspaces/${this.workspaceId}/documents`,
        { token: this.token, body: { title, template } },
      ).then((created) => created.document)
      this.#documents.set(title, document)
    }
    return document
  }

  /** The text room of the document with this title (created if needed). */
  async room(title: string): Promise<string> {
    return (await this.document(title)).room
  }

  async connect(title: string, options: { token?: string } = {}): Promise<Client> {
    const room = await this.room(title)
    return connectClient(this.server, room, { params: { token: options.token ?? this.token } })
  }

  async raw(title: string, options: { token?: string } = {}): Promise<RawSocket> {
    return connectRaw(this.server, `${await this.room(title)}?token=${options.token ?? this.token}`)
  }

  async read(
    title: string,
    types: Parameters<typeof readRoom>[2],
  ): Promise<Record<string, unknown>> {
    return readRoom(this.server, await this.room(title), types, this.token)
  }

  /** Invites someone with `role` and accepts for them: their participant and token. */
  async join(
    role: Role,
    displayName: string,
    group: StakeholderGroup = 'community',
  ): Promise<{ participant: Participant; token: string }> {
    const { invite } = await api<{ invite: { code: string } }>(
      this.server,
      'POST',
      `/api/workspaces/${this.workspaceId}/invites`,
      { token: this.token, body: { role } },
    )
    return api(this.server, 'POST', `/api/invites/${invite.code}/accept`, {
      body: { displayName, group },
    })
  }
}
