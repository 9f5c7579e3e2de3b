/** Waits until `condition` holds, checking often; fails with `what` after `timeoutMs`. */
export const waitFor = async (
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * Checks that `quiet` holds throughout a window of `ms`, failing at the first moment it does not.
 * Only for what must NOT happen when nothing could mark its absence (a client that stopped
 * retrying sends nothing more); where a later event can stand as a barrier (a write relayed
 * after the one that must not be), wait for that event instead. `why` says why `ms` is long
 * enough, e.g. "three times the client's first reconnect delay".
 */
export const expectQuiet = async (
  ms: number,
  why: string,
  quiet: () => boolean | Promise<boolean>,
): Promise<void> => {
  const end = Date.now() + ms
  for (;;) {
    if (!(await quiet())) throw new Error(`not quiet for ${ms} ms: ${why}`)
    const left = end - Date.now()
    if (left <= 0) return
    await new Promise((resolve) => setTimeout(resolve, Math.min(20, left)))
  }
}
