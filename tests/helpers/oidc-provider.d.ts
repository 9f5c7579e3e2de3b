/* The little of oidc-provider (which ships no types) that the tests' identity provider uses. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  interface Grant {
    addOIDCScope(scope: string): void
    save(): Promise<string>
  }
  interface GrantConstructor {
    new (init: { clientId: string; accountId: string }): Grant
    find(id: string): Promise<Grant | undefined>
  }
  export interface KoaContextWithOIDC {
    oidc: {
      provider: Provider
      client: { clientId: string }
      session: { accountId: string; grantIdFor(clientId: string): string | undefined }
      result?: { consent?: { grantId?: string } }
    }
  }
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>)
    Grant: GrantConstructor
    callback(): (request: IncomingMessage, response: ServerResponse) => void
  }
}
