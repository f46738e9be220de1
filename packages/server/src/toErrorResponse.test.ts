import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { HubError } from './HubError'
import { consoleLogger, type LogFields, type Logger } from './Logger'
import { toErrorResponse } from './toErrorResponse'

type Level = keyof Logger

function recordingLogger() {
  const lines: [Level, LogFields, string][] = []
  const log = (level: Level) => (fields: LogFields, message: string) => lines.push([level, fields, message])
  const logger: Logger = { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') }
  return { logger, lines }
}

async function answer(response: Response) {
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.json(),
  }
}

const MASKED = {
  status: 500,
  retryAfter: null,
  body: { error: { code: 'internal', message: 'Internal error' } },
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('toErrorResponse', () => {
  it.each([
    new HubError('bad_topic', 'Pattern "a..b" has an empty token'),
    new HubError('invalid_token', 'Token is malformed', { status: 401 }),
    new HubError('tenant_limit', 'Too many connections for this tenant', { status: 429, retryAfterSec: 3 }),
  ])('answers a client error as it is, without logging it: $code', async (error) => {
    const { logger, lines } = recordingLogger()
    expect(await answer(toErrorResponse(error, logger))).toEqual({
      status: error.status,
      retryAfter: error.retryAfterSec === undefined ? null : String(error.retryAfterSec),
      body: { error: { code: error.code, message: error.message } },
    })
    expect(lines).toEqual([])
  })

  it('answers an intended 503 as it is, with Retry-After, and logs it as a warning', async () => {
    const { logger, lines } = recordingLogger()
    const error = new HubError('draining', 'This server is shutting down', { status: 503, retryAfterSec: 2 })
    expect(await answer(toErrorResponse(error, logger, 'opening a stream'))).toEqual({
      status: 503,
      retryAfter: '2',
      body: { error: { code: 'draining', message: 'This server is shutting down' } },
    })
    expect(lines).toEqual([
      [
        'warn',
        { err: error, code: 'draining' },
        '[ssehub] refused while opening a stream: This server is shutting down',
      ],
    ])
  })

  it.each([
    new HubError('invalid_option', 'allowedTopics: pattern "secret.>.x" is bad', { status: 500 }),
    new HubError('invalid_principal', 'allowedTopics holds 5000 patterns', { status: 500 }),
    new HubError('upstream', 'idp.internal:8443 timed out', { status: 504, retryAfterSec: 1 }),
    new HubError('internal', 'onConnect added a bad topic', { status: 500 }),
    new HubError('internal', 'odd: an internal error with a client status', { status: 400 }),
  ])('masks and logs a server error that is not an intended 503: $code $status', async (error) => {
    const { logger, lines } = recordingLogger()
    const response = toErrorResponse(error, logger, 'issuing a ticket')
    const text = await response.clone().text()
    expect(await answer(response)).toEqual(MASKED)
    expect(text).not.toContain(error.message)
    expect(lines).toEqual([
      ['error', { err: error, code: error.code }, '[ssehub] unexpected error while issuing a ticket'],
    ])
  })

  it('masks and logs anything that is not a HubError', async () => {
    const { logger, lines } = recordingLogger()
    const error = new TypeError("Cannot read properties of undefined (reading 'tenant')")
    expect(await answer(toErrorResponse(error, logger))).toEqual(MASKED)
    expect(lines).toEqual([['error', { err: error }, '[ssehub] unexpected error while handling a request']])
  })
})

describe('Logger', () => {
  it('is satisfied by pino, which renders the error, its cause and the message as one JSON line', () => {
    const written: string[] = []
    const destination = new Writable({
      write(chunk, _encoding, done) {
        written.push(String(chunk))
        done()
      },
    })
    const logger: Logger = pino({ base: undefined, timestamp: false }, destination)
    const cause = new Error('connection refused')
    const error = new HubError('internal', 'Internal error', { status: 500, cause })
    toErrorResponse(error, logger, 'issuing a ticket')
    const [line] = written.map((text) => JSON.parse(text))
    expect(line).toMatchObject({
      level: 50,
      msg: '[ssehub] unexpected error while issuing a ticket',
      code: 'internal',
      err: { type: 'HubError', message: 'Internal error: connection refused' },
    })
    expect(line.err.stack).toContain('caused by: Error: connection refused')
  })

  it('is satisfied by console; consoleLogger puts the message first', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const asLogger: Logger = console
    asLogger.error({ code: 'x' }, 'raw console')
    consoleLogger.error({ code: 'y' }, 'through consoleLogger')
    expect(error.mock.calls).toEqual([
      [{ code: 'x' }, 'raw console'],
      ['through consoleLogger', { code: 'y' }],
    ])
  })
})
