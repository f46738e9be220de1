import { spawn } from 'node:child_process'

/** What a finished command printed, and how it exited. */
export interface RunResult {
  code: number | null
  output: string
}

/**
 * Runs a command to its end and resolves with its combined output; rejects with that output when it
 * exits non-zero, so a failing test shows what the command said. A command still running after
 * `timeoutMs` is killed (its process group) and rejects.
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  const { cwd, env = process.env, timeoutMs = 300_000 } = options
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const result = { code, output }
      if (code === 0) resolve(result)
      else reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${code ?? signal}:\n${output}`))
    })
  })
}
