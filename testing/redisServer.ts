import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './freePort'

/** Whether a `redis-server` binary is on PATH (`.ci/run` installs Debian's). */
export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0

export interface RedisServerOptions {
  /**
   * Keep the data across restarts: an append-only file fsynced on every write, in a directory of its
   * own. Without it (the default) there is no RDB and no AOF, so a restart starts empty.
   * @default false
   */
  persistent?: boolean
}

/** A throwaway `redis-server` on 127.0.0.1, killed (SIGKILL, as a crash) and restarted on the same port. */
export class RedisServer {
  #process: ChildProcess | undefined
  readonly #dir: string

  private constructor(
    readonly port: number,
    readonly persistent: boolean,
  ) {
    this.#dir = mkdtempSync(join(tmpdir(), 'ssehub-redis-'))
  }

  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), options.persistent ?? false)
    await server.start()
    return server
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  /** Starts it (again) on the same port; resolves when it accepts connections. */
  async start(): Promise<void> {
    const persistence = this.persistent
      ? ['--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--dir', this.#dir]
      : ['--save', '', '--appendonly', 'no', '--dir', this.#dir]
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', ...persistence],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
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

  /** Stops it and removes its data directory. */
  async destroy(): Promise<void> {
    await this.stop()
    rmSync(this.#dir, { recursive: true, force: true })
  }
}
