import type * as OpenIdClient from 'openid-client'
import type { Config } from '../config.js'
import type {
  IdentityProvider,
  ProvenIdentity,
  SignInChecks,
} from '../domain/people-and-access/ports.js'

export interface OpenIdProviderOptions {
  issuer: string
  clientId: string
  clientSecret: string | undefined
  name: string
  /** Plain HTTP to the provider: only for one on this machine (config.ts decides). */
  allowHttp: boolean
}

const claimText = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined

const nameIn = (claims: Record<string, unknown>): string | undefined =>
  claimText(claims.name) ?? claimText(claims.preferred_username) ?? claimText(claims.email)

/**
 * Many providers give the name only at the userinfo endpoint (the ID token's claims are the
 * minimum). A name is a nicety, so a provider without the endpoint, or one that fails, gives none.
 */
const nameAtUserInfo = async (
  client: typeof OpenIdClient,
  config: OpenIdClient.Configuration,
  accessToken: string,
  subject: string,
): Promise<string | undefined> => {
  if (!config.serverMetadata().userinfo_endpoint) return undefined
  try {
    return nameIn(await client.fetchUserInfo(config, accessToken, subject))
  } catch {
    return undefined
  }
}

/**
 * The identity provider through `openid-client`. Discovery runs on first use (the provider may
 * start after this server) and again after a failure, never on every sign-in.
 */
export const openIdProvider = (options: OpenIdProviderOptions): IdentityProvider => {
  // openid-client loads on the first sign-in: a server without a provider never carries it.
  let loaded: Promise<typeof OpenIdClient> | undefined
  const openIdClient = () => {
    loaded ??= import('openid-client')
    return loaded
  }
  let discovered: Promise<OpenIdClient.Configuration> | undefined
  const configuration = (): Promise<OpenIdClient.Configuration> => {
    discovered ??= openIdClient()
      .then((client) =>
        client.discovery(
          new URL(options.issuer),
          options.clientId,
          undefined,
          options.clientSecret ? client.ClientSecretBasic(options.clientSecret) : client.None(),
          options.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
        ),
      )
      .catch((error: unknown) => {
        discovered = undefined
        throw error
      })
    return discovered
  }

  return {
    issuer: options.issuer,
    name: options.name,
    async authorizationUrl(redirectUri: string, checks: SignInChecks): Promise<string> {
      const config = await configuration()
      const client = await openIdClient()
      return client
        .buildAuthorizationUrl(config, {
          redirect_uri: redirectUri,
          scope: 'openid profile',
          response_type: 'code',
          state: checks.state,
          nonce: checks.nonce,
          code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
          code_challenge_method: 'S256',
        })
        .toString()
    },
    async redeem(callbackUrl: URL, checks: SignInChecks): Promise<ProvenIdentity> {
      const config = await configuration()
      const client = await openIdClient()
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      })
      const claims = tokens.claims()
      if (!claims) throw new Error('the provider answered without an ID token')
      const name =
        nameIn(claims) ?? (await nameAtUserInfo(client, config, tokens.access_token, claims.sub))
      return { subject: claims.sub, ...(name ? { name } : {}) }
    },
  }
}

/** The provider the operator configured (OIDC_ISSUER and OIDC_CLIENT_ID), or none. */
export const openIdProviderFrom = (
  config: Pick<Config, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET' | 'OIDC_NAME'>,
): IdentityProvider | undefined =>
  config.OIDC_ISSUER && config.OIDC_CLIENT_ID
    ? openIdProvider({
        issuer: config.OIDC_ISSUER,
        clientId: config.OIDC_CLIENT_ID,
        clientSecret: config.OIDC_CLIENT_SECRET,
        name: config.OIDC_NAME,
        allowHttp: config.OIDC_ISSUER.startsWith('http:'),
      })
    : undefined
