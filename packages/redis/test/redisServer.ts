import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { describe } from 'vitest'

/** Whether a `redis-server` binary is on PATH (CI installs Debian's). */
export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0

/**
 * `describe` when `redis-server` is available; otherwise a skipped suite whose name says why, so the
 * report shows the reason instead of silently passing.
 */
export function describeWithRedis(name: string, suite: () => void): void {
  if (hasRedisServer) describe(name, suite)
  else describe.skip(`${name} (skipped: redis-server is not on PATH; apt-get install redis-server)`, suite)
}

/** A free loopback port, found by letting the OS pick one. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** A throwaway `redis-server` on 127.0.0.1: no RDB, no AOF, so a restart starts empty. */
export class RedisServer {
  #process: ChildProcess | undefined

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort())
    await server.start()
    return server
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  /** Starts it (again) on the same port; resolves when it accepts connections. */
  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    this.#process = child
    let output = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000)
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer)
          resolve()
        }
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`redis-server exited with ${code}:\n${output}`))
      })
    })
    child.stdout!.resume()
  }

  /** Kills it at once, as a crash would; resolves when the process is gone. */
  async stop(): Promise<void> {
    const child = this.#process
    this.#process = undefined
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }

  async restart(): Promise<void> {
    await this.stop()
    await this.start()
  }
}
