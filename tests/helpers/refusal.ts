import { ErrorBody } from '../../shared/src/errors.js'
import type { TestServer } from './server.js'
import { api } from './site.js'

/** The error of a request refused with `status`, in the shared error shape. */
export const refusal = async (
  server: Pick<TestServer, 'httpUrl'>,
  method: string,
  path: string,
  options: { token?: string; body?: unknown },
  status: number,
) => ErrorBody.parse(await api(server, method, path, { ...options, expect: status })).error

/** The rule a refusal names in its `details`, if it names one. */
export const ruleOf = (error: { details?: unknown }): unknown =>
  typeof error.details === 'object' && error.details !== null && 'rule' in error.details
    ? error.details.rule
    : undefined
