/**
 * Reports an error thrown by app code (a handler, a status listener) without letting it break the
 * stream or the other listeners: `reportError` where the platform has it (browsers), else `console.error`.
 */
export function reportError(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError
  if (report) report(error)
  else console.error(error)
}
