import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './freePort'

/** Debian's PostgreSQL binaries, if the package is installed (`.ci/run` installs it). */
function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const version = readdirSync(root).sort().at(-1)
  const bin = version && join(root, version, 'bin')
  return bin && existsSync(join(bin, 'initdb')) ? bin : undefined
}

const bin = postgresBin()

/** Whether PostgreSQL's server binaries are installed. */
export const hasPostgres = bin !== undefined

/** PostgreSQL refuses to run as root: as root, run its binaries as the `postgres` user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
}

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 (`initdb` into a temporary directory, trust auth, user
 * `postgres`), for tests: started, stopped (`immediate`, as a crash would) and restarted on the same port.
 */
export class PostgresServer {
  #process: ChildProcess | undefined

  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PostgresServer> {
    if (!bin) throw new Error('PostgreSQL is not installed: apt-get install postgresql')
    const dataDir = mkdtempSync(join(tmpdir(), 'ssehub-pg-'))
    if (process.getuid?.() === 0) chownSync(dataDir, uidOf('postgres'), gidOf('postgres'))
    const [initdb, args] = asPostgres(join(bin, 'initdb'), ['-D', dataDir, '--auth=trust', '-U', 'postgres'])
    execFileSync(initdb, args, { stdio: 'ignore' })
    const server = new PostgresServer(dataDir, await freePort())
    await server.start()
    return server
  }

  /** Connection settings for `new pg.Pool(...)` / `new pg.Client(...)`. */
  get connection() {
    return { host: '127.0.0.1', port: this.port, user: 'postgres', database: 'postgres' }
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`
  }

  /** Starts it (again) on the same port; resolves when it accepts connections. */
  async start(): Promise<void> {
    const [command, args] = asPostgres(join(bin!, 'postgres'), [
      '-D',
      this.dataDir,
      '-p',
      String(this.port),
      '-k',
      this.dataDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=300',
    ])
    const child = spawn(command, args, { stdio: 'ignore' })
    this.#process = child
    const [isReady, readyArgs] = asPostgres(join(bin!, 'pg_isready'), [
      '-h',
      '127.0.0.1',
      '-p',
      String(this.port),
      '-U',
      'postgres',
    ])
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}`)
      if (spawnSync(isReady, readyArgs, { stdio: 'ignore' }).status === 0) return
      if (attempt > 150) throw new Error('postgres did not start within 15 s')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  /** Stops it at once (`pg_ctl stop -m immediate`: no checkpoint, as a crash); resolves when it is gone. */
  async stop(): Promise<void> {
    const child = this.#process
    this.#process = undefined
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    const [pgCtl, args] = asPostgres(join(bin!, 'pg_ctl'), ['-D', this.dataDir, '-m', 'immediate', 'stop'])
    try {
      execFileSync(pgCtl, args, { stdio: 'ignore' })
    } catch {
      child.kill('SIGKILL')
    }
    await exited
  }

  async restart(): Promise<void> {
    await this.stop()
    await this.start()
  }

  /** Stops it and removes its data directory. */
  async destroy(): Promise<void> {
    await this.stop()
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user]).toString().trim())
}

function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user]).toString().trim())
}
