import { type RunningApp, startApp } from './app.js'
import { loadConfig } from './config.js'
import { createLogger } from './observability/logger.js'

/** The process: config → app → listen → graceful shutdown on SIGTERM/SIGINT. */
const main = async (): Promise<void> => {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(2)
  }
  const logger = createLogger(config.LOG_LEVEL)

  // Handlers go in before anything starts, and stay: a signal that arrives while the app is still
  // starting, or a second one while it shuts down, must not kill the process mid-commit.
  let app: RunningApp | undefined
  let stopping: string | undefined
  let exitCode = 0
  const shutdown = (signal: string): void => {
    if (stopping) {
      logger.info({ signal }, 'already shutting down')
      return
    }
    stopping = signal
    logger.info({ signal }, 'shutting down')
    const forced = setTimeout(() => {
      logger.error('shutdown timed out')
      process.exit(1)
    }, config.SHUTDOWN_TIMEOUT_MS)
    forced.unref()
    if (!app) return // startApp's continuation below closes it as soon as it exists.
    app.close().then(
      () => process.exit(exitCode),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))

  app = await startApp(config, logger, (reason) => {
    exitCode = 1
    shutdown(reason)
  })
  logger.info(
    {
      host: config.HOST,
      port: app.port,
      pid: process.pid,
      dataDir: config.DATA_DIR,
      durability: config.DURABILITY,
      ...(config.REDIS_URL ? { node: config.NODE_ID } : {}),
    },
    `Mufakat listening on http://${config.HOST}:${app.port}`,
  )
  if (stopping) {
    const signal = stopping
    stopping = undefined
    shutdown(signal)
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Mufakat failed to start: ${error instanceof Error ? error.stack : error}\n`)
  process.exit(1)
})
