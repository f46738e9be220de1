import { type ChildProcess, spawn } from 'node:child_process'

/** A server process started by a test, and where it listens. */
export interface StartedServer {
  origin: string
  process: ChildProcess
  /** Everything it printed so far. */
  output(): string
  stop(): Promise<void>
}

/**
 * Starts a server process and resolves once it prints a line matching `listening` (its first group, or
 * the whole match, is the origin). Rejects with its output when it exits first or takes over `timeoutMs`.
 */
export function startServer(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; listening: RegExp; timeoutMs?: number },
): Promise<StartedServer> {
  const { cwd, env = process.env, listening, timeoutMs = 60_000 } = options
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    if (child.pid) process.kill(-child.pid, 'SIGTERM')
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer)
      void stop()
      reject(new Error(`${command} ${args.join(' ')} ${why}:\n${output}`))
    }
    const timer = setTimeout(() => fail(`printed no ${listening} within ${timeoutMs} ms`), timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk
      const match = listening.exec(output)
      if (!match) return
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      resolve({ origin: match[1] ?? match[0], process: child, output: () => output, stop })
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk))
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal})`))
  })
}
