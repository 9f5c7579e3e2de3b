import { randomBytes } from 'node:crypto'
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type KoaContextWithOIDC } from 'oidc-provider'

/**
 * A real OpenID Connect provider (`oidc-provider`) on a free port, with its development login
 * form: any login name signs in as the account of that name (its `sub`), any password. Consent
 * is granted without asking, as an organisation's own provider does for its own services.
 */
export interface IdentityProvider {
  issuer: string
  clientId: string
  clientSecret: string
  /** What Mufakat is started with to use it. */
  env: Record<string, string>
  /** Registers the redirect URI once the server that uses it has a port. */
  register(redirectUri: string): void
  close(): Promise<void>
}

export const startIdentityProvider = async (
  name = 'Bandung City ID',
): Promise<IdentityProvider> => {
  let handle: RequestListener | undefined
  const http = createServer((request, response) => {
    if (handle) return handle(request, response)
    response.writeHead(503).end('not configured yet')
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const clientId = 'mufakat'
  const clientSecret = randomBytes(24).toString('base64url')
  return {
    issuer,
    clientId,
    clientSecret,
    env: {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_NAME: name,
    },
    register(redirectUri: string) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        cookies: { keys: [randomBytes(16).toString('hex')] },
        ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
        pkce: { required: () => true },
        // The ID token carries `sub` only; the name comes from the userinfo endpoint, as with
        // most providers.
        conformIdTokenClaims: true,
        claims: { openid: ['sub'], profile: ['name'] },
        findAccount: (_context: unknown, accountId: string) => ({
          accountId,
          claims: () => ({ sub: accountId, name: `${accountId} (${name})` }),
        }),
        loadExistingGrant: async (context: KoaContextWithOIDC) => {
          const { oidc } = context
          const grantId =
            oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId)
          if (grantId) return await oidc.provider.Grant.find(grantId)
          const grant = new oidc.provider.Grant({
            clientId: oidc.client.clientId,
            accountId: oidc.session.accountId,
          })
          grant.addOIDCScope('openid profile')
          await grant.save()
          return grant
        },
        features: { devInteractions: { enabled: true } },
      })
      handle = provider.callback()
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections()
        http.close(() => resolve())
      }),
  }
}
