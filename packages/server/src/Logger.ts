/** Structured context of one log line: `err` holds the error, when there is one (pino serializes it). */
export type LogFields = Record<string, unknown>

/**
 * Where the hub reports what it cannot answer with: errors it masked, sources that failed, broken hooks.
 * Every call is `(fields, message)`, pino's convention, so a pino logger fits as it is
 * (`createHub({ logger: pino() })`), and so does `console` (it prints the fields, then the message).
 *
 * @example
 * logger.error({ err: error, code: 'internal' }, '[ssehub] a ticket request failed')
 */
export interface Logger {
  error(fields: LogFields, message: string): void
  warn(fields: LogFields, message: string): void
  info(fields: LogFields, message: string): void
  debug(fields: LogFields, message: string): void
}

/**
 * The default `Logger`: `console`, with the message first and the fields after it, which reads better
 * in a terminal than `console` taking the fields first.
 */
export const consoleLogger: Logger = {
  error: (fields, message) => console.error(message, fields),
  warn: (fields, message) => console.warn(message, fields),
  info: (fields, message) => console.info(message, fields),
  debug: (fields, message) => console.debug(message, fields),
}
