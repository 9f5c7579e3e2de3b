import { existsSync } from 'node:fs'
import { hostname } from 'node:os'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { LogLevel } from './observability/logger.js'
import { parseSigningKey } from './store/log-signing-key.js'
import { Durability } from './store/sqlite/sqlite-files.js'

const MiB = 1024 * 1024

/** client/dist beside the server, whether it runs built (build/server/src) or from source. */
const defaultClientDir = (): string => {
  const candidates = ['../../../client/dist', '../../client/dist'].map((path) =>
    fileURLToPath(new URL(path, import.meta.url)),
  )
  return candidates.find((dir) => existsSync(dir)) ?? (candidates[0] as string)
}

const integer = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback)

/** A comma-separated variable, its entries trimmed, empty ones left out. */
const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )

/** Every setting, read from the environment once, here and nowhere else. */
const configSchema = z
  .object({
    PORT: integer(8080).pipe(z.number().max(65535)),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    LOG_LEVEL: z.enum(LogLevel).default('info'),
    DURABILITY: z.enum([Durability.full, Durability.normal]).default(Durability.full),
    /**
     * Unset: SQLite in DATA_DIR (embedded, nothing to install). Set to postgres://…: that
     * PostgreSQL database holds everything instead (DATA_DIR keeps only the log signing key).
     */
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
    /**
     * Unset: one node. Set to redis://… (with DATABASE_URL): this node is one of several serving
     * the same workspaces; what moves between nodes (room updates, presence, control messages,
     * shared limits) goes through that Redis.
     */
    REDIS_URL: z
      .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
      .optional(),
    /** Put before every Redis key and channel, so several clusters (or test suites) share one Redis. */
    REDIS_PREFIX: z
      .string()
      .regex(
        /^[A-Za-z0-9._:-]{1,64}$/,
        'must be 1–64 letters, digits, dots, colons, dashes or underscores',
      )
      .default('mufakat:'),
    /**
     * How long a node that commits everything (before saving a version, say) waits for the
     * other nodes to commit what they hold before it goes on without those that did not answer.
     */
    CLUSTER_FLUSH_TIMEOUT_MS: integer(2000, 1),
    /**
     * This node's name in logs, between nodes and on the commits it numbers; the host's name
     * when unset, so a node restarted on its host keeps it (each name a node ever had keeps a
     * row per room it wrote to, and every commit reads them back).
     */
    NODE_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, dots, dashes or underscores')
      .default(
        () =>
          hostname()
            .replace(/[^A-Za-z0-9._-]/g, '')
            .slice(0, 64) || 'node',
      ),
    CLIENT_DIR: z.string().min(1).default(defaultClientDir),
    MAX_FRAME_BYTES: integer(16 * MiB, 1024),
    MAX_DOCUMENT_BYTES: integer(64 * MiB, 1024),
    MAX_SEND_BUFFER_BYTES: integer(32 * MiB, 1024),
    MAX_MESSAGES_PER_SECOND: integer(1000, 1),
    MESSAGE_BURST: integer(10_000, 1),
    MAX_AWARENESS_STATES_PER_CONNECTION: integer(4, 1),
    MAX_AWARENESS_STATE_BYTES: integer(16 * 1024, 64),
    MAX_CONNECTIONS_PER_ADDRESS: integer(2500, 1),
    ROOM_UNLOAD_GRACE_MS: integer(5000),
    /** How long a leave sent as a session page closes waits for it to come back (a reload). */
    LEAVE_GRACE_MS: integer(4000),
    PING_INTERVAL_MS: integer(30_000, 100),
    COMPACT_AFTER_UPDATES: integer(1000, 1),
    COMPACT_AFTER_BYTES: integer(4 * MiB, 1024),
    /** Work one comparison of versions may do before a block is shown as replaced whole. */
    COMPARE_MAX_EDITS: integer(10_000, 1),
    COMPARE_TIMEOUT_MS: integer(1000, 1),
    /** How often the clock looks for terms coming due or overdue, to tell their owners. */
    TERM_SWEEP_INTERVAL_MS: integer(15 * 60_000, 50),
    /**
     * Webhooks to loopback, private, link-local or other non-public addresses are refused (the
     * server must not be made to call into its own network); `1` allows them (tests, a lab).
     */
    WEBHOOK_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
    /** The first retry waits this long; each next one twice as long as the one before. */
    WEBHOOK_RETRY_BASE_MS: integer(30_000, 10),
    /** Attempts, the first included, after which a delivery is given up as failed. */
    WEBHOOK_MAX_ATTEMPTS: integer(8, 1),
    /** How often the sender looks for deliveries that are due (new ones go at once). */
    WEBHOOK_POLL_MS: integer(5000, 10),
    /** How long one attempt may wait for the receiver's answer. */
    WEBHOOK_TIMEOUT_MS: integer(10_000, 100),
    /**
     * Unset: e-mail is off (the settings say so; nothing is queued). smtp://user:pass@host:587
     * (STARTTLS when the server offers it) or smtps://…:465: mail goes through that server.
     */
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
      .optional(),
    /** The From of every mail. */
    MAIL_FROM: z.string().min(3).default('Mufakat <mufakat@localhost>'),
    /** How long one SMTP step (connect, greeting, each command) may wait. */
    MAIL_TIMEOUT_MS: integer(10_000, 100),
    /** The first retry of a mail waits this long; each next one twice as long. */
    MAIL_RETRY_BASE_MS: integer(60_000, 10),
    /** Attempts, the first included, after which a mail is given up as failed. */
    MAIL_MAX_ATTEMPTS: integer(10, 1),
    /** How often the sender looks for mail that is due (new mail goes at once). */
    MAIL_POLL_MS: integer(5000, 10),
    /** The hour (UTC, 0–23) from which each day's digest goes out. */
    MAIL_DIGEST_HOUR: integer(7).pipe(z.number().max(23)),
    /** How long a verification link works. */
    MAIL_VERIFY_TTL_MS: integer(24 * 3_600_000, 1),
    SQLITE_BUSY_TIMEOUT_MS: integer(5000),
    SHUTDOWN_TIMEOUT_MS: integer(10_000, 100),
    /** When set, creating a workspace needs `Authorization: Bearer <ADMIN_TOKEN>`. */
    ADMIN_TOKEN: z.string().min(16).optional(),
    /** Base URL of links the server hands out (invites); the request's origin when unset. */
    PUBLIC_URL: z.url().optional(),
    /**
     * An organisation's OpenID Connect provider (e.g. a city's): its issuer URL. Workspaces whose
     * facilitator accepts it offer "Sign in with <OIDC_NAME>" beside invite links. Register
     * `<PUBLIC_URL>/api/sign-in/callback` as the redirect URI there.
     */
    OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    /** Sent with HTTP Basic authentication at the token endpoint; unset for a public client. */
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** How the provider is named on the buttons, e.g. "Bandung City ID". */
    OIDC_NAME: z.string().trim().min(1).max(60).default('your organisation'),
    /** Origins, besides the server's own, whose pages may change state or open sync sockets (comma-separated). */
    ALLOWED_ORIGINS: commaList.pipe(z.array(z.url({ protocol: /^https?$/ }))),
    /** When set, `/metrics` needs `Authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: z.string().min(16).optional(),
    /** The largest request body of any API call, except the few below that need more. */
    MAX_BODY_BYTES: integer(256 * 1024, 1024),
    /** Agreement drafts: up to 50 terms of 2000 characters each. */
    MAX_AGREEMENT_BODY_BYTES: integer(MiB, 1024),
    RATE_LIMIT_WORKSPACES_PER_HOUR: integer(100, 1),
    RATE_LIMIT_ACCEPTS_PER_MINUTE: integer(600, 1),
    RATE_LIMIT_PUBLIC_READS_PER_MINUTE: integer(600, 1),
    /** Each address given mails a stranger a verification link: the server must not be a relay. */
    RATE_LIMIT_MAIL_ADDRESSES_PER_HOUR: integer(60, 1),
    /**
     * The Ed25519 key that signs every workspace's log checkpoints (PKCS#8 PEM, or its DER in
     * base64 on one line); unset, the key in DATA_DIR/log-signing-key.pem, created on first start.
     */
    LOG_SIGNING_KEY: z
      .string()
      .optional()
      .transform((text, context) => {
        if (text === undefined) return undefined
        try {
          return parseSigningKey(text)
        } catch {
          context.addIssue({
            code: 'custom',
            message: 'must be an Ed25519 private key: PKCS#8 PEM, or its DER in base64',
          })
          return z.NEVER
        }
      }),
    /**
     * Addresses of the reverse proxies in front of the server (comma-separated IPs): from them,
     * the client's address for per-address limits is read from `X-Forwarded-For`.
     */
    TRUSTED_PROXIES: commaList.pipe(
      z.array(z.union([z.ipv4(), z.ipv6()], { error: 'must be IP addresses, not names' })),
    ),
    /**
     * Test-only faults, set by tests and never in production. HOLD_COMMITS_MS keeps each room's
     * updates uncommitted that long (instead of until the end of the turn), so a test can act
     * while a room holds updates not yet on disk; SLOW_COMMITS_MS makes each commit take that much
     * longer once under way (a slow disk), so updates gather for the next; CHAIN_APPEND=fail makes
     * every append to the record chain throw, so the transaction deciding rolls back;
     * STALL_COMMITS_MS holds the thread that runs SQLite's statements that long in each commit
     * of a transaction that wrote (a disk whose flush stalls, blocking the thread that waits).
     */
    TEST_FAULT_HOLD_COMMITS_MS: integer(0),
    TEST_FAULT_STALL_COMMITS_MS: integer(0),
    TEST_FAULT_SLOW_COMMITS_MS: integer(0),
    TEST_FAULT_CHAIN_APPEND: z.enum(['fail']).optional(),
  })
  .superRefine((config, context) => {
    if (config.OIDC_ISSUER && !config.OIDC_CLIENT_ID)
      context.addIssue({
        code: 'custom',
        path: ['OIDC_CLIENT_ID'],
        message: 'is needed with OIDC_ISSUER: the client id Mufakat is registered under there',
      })
    // Tokens and ID tokens cross the network: plain HTTP only to a provider on this machine.
    if (config.OIDC_ISSUER?.startsWith('http:') && !isLoopbackUrl(config.OIDC_ISSUER))
      context.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message: 'must be https (plain http only for a provider on this machine)',
      })
    // Nodes share rooms only through one database: SQLite's file belongs to one process.
    if (config.REDIS_URL && !config.DATABASE_URL)
      context.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message:
          'needs DATABASE_URL: several nodes share one PostgreSQL database, not a SQLite file',
      })
  })

export type Config = z.infer<typeof configSchema>

/** Whether a URL names this machine: localhost, 127.0.0.0/8 or ::1. */
export const isLoopbackUrl = (url: string): boolean => {
  const host = new URL(url).hostname
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** Validates the environment; throws one readable error naming every bad variable. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = configSchema.safeParse(env)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
  throw new Error(`invalid configuration:\n  ${problems.join('\n  ')}`)
}

/** The configuration with every default, for tests and tools that start a server in-process. */
export const defaultConfig = (overrides: Partial<Config> = {}): Config => ({
  ...configSchema.parse({}),
  ...overrides,
})

/**
 * The directory an operator ran a command from: `npm run` moves into the package first and
 * records the original one in INIT_CWD, so `npm run backup -- backups/today.db` means theirs.
 */
export const invocationDir = (env: NodeJS.ProcessEnv = process.env): string =>
  env.INIT_CWD ?? process.cwd()
