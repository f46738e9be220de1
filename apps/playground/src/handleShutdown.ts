/** How long repeated signals count as the same Ctrl-C. */
const SAME_SIGNAL_MS = 1000

/**
 * Runs `shutdown` on the first SIGINT or SIGTERM, then exits. One Ctrl-C under `pnpm start` arrives
 * two or three times (from the terminal to the whole process group, and relayed by pnpm and by tsx):
 * with `process.once`, the second copy met Node's default handler and killed the process in the middle
 * of its drain, cutting every stream. Copies within a second are ignored; a Ctrl-C after that stops at once.
 */
export function handleShutdown(
  shutdown: () => Promise<void>,
  {
    log = console.log,
    exit = (code: number): void => process.exit(code),
  }: { log?: (message: string) => void; exit?: (code: number) => void } = {},
): () => void {
  let startedAt: number | undefined
  const onSignal = (signal: NodeJS.Signals) => {
    if (startedAt === undefined) {
      startedAt = Date.now()
      log(`${signal}: draining (every tab is told to come back in a moment); Ctrl-C again to stop at once`)
      shutdown().then(
        () => exit(0),
        (error: unknown) => {
          console.error('[playground] shutdown failed', error)
          exit(1)
        },
      )
    } else if (Date.now() - startedAt > SAME_SIGNAL_MS) {
      log(`${signal} again: stopping now`)
      exit(130)
    }
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
