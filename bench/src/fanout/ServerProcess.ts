import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ServerCommand, ServerReply } from '../servers/protocol'

/** The servers under test, by the name the tables use, and the file each runs. */
export const SERVERS = {
  'raw net (ceiling)': 'rawNetServer.ts',
  'node:http (floor)': 'nodeHttpServer.ts',
  ssehub: 'ssehubServer.ts',
  'better-sse': 'betterSseServer.ts',
  'hono streamSSE (naive)': 'honoStreamSseServer.ts',
} as const

export type ServerName = keyof typeof SERVERS

type Usage = Extract<ServerReply, { type: 'usage' }>

/**
 * A server under test in its own Node process (so its CPU time and memory are its own), driven over IPC.
 * The server file runs through tsx, but the library it serves from is the one users install: ssehub from
 * its build (`dist`), not its sources (tsx would rename every closure it compiles, which costs memory per
 * connection). `--expose-gc` lets memory be read after a full collection.
 */
export class ServerProcess {
  readonly #child: ChildProcess
  readonly #waiting: Array<(reply: ServerReply) => boolean> = []
  port = 0

  private constructor(file: string, execArgv: string[]) {
    const path = fileURLToPath(new URL(`../servers/${file}`, import.meta.url))
    this.#child = fork(path, [], {
      execArgv: ['--import', 'tsx', '--expose-gc', ...execArgv],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.#child.on('message', (reply: ServerReply) => {
      const index = this.#waiting.findIndex((accept) => accept(reply))
      if (index !== -1) this.#waiting.splice(index, 1)
    })
  }

  static async start(name: ServerName, execArgv: string[] = []): Promise<ServerProcess> {
    const server = new ServerProcess(SERVERS[name], execArgv)
    const listening = await server.#next('listening')
    server.port = listening.port
    return server
  }

  /** Sends a command and waits for the reply of `type`. */
  #request<T extends ServerReply['type']>(command: ServerCommand, type: T) {
    const reply = this.#next(type)
    this.#child.send(command)
    return reply
  }

  #next<T extends ServerReply['type']>(type: T): Promise<Extract<ServerReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`server exited (${code}) waiting for ${type}`))
      this.#child.once('exit', onExit)
      this.#waiting.push((reply) => {
        if (reply.type !== type) return false
        this.#child.off('exit', onExit)
        resolve(reply as Extract<ServerReply, { type: T }>)
        return true
      })
    })
  }

  usage(gc = false): Promise<Usage> {
    return this.#request({ type: 'usage', gc }, 'usage')
  }

  burst(events: number, firstSeq: number) {
    return this.#request({ type: 'burst', events, firstSeq }, 'burst-done')
  }

  publish(seq: number) {
    return this.#request({ type: 'publish', seq }, 'published')
  }

  /** Starts, or stops and writes to `file`, a CPU profile of the server. */
  profile(action: 'start' | 'stop', file = '') {
    return this.#request({ type: 'profile', action, file }, 'profiled')
  }

  /** Writes a heap snapshot of the server (after a full GC) to `file`. */
  heapSnapshot(file: string) {
    return this.#request({ type: 'heap-snapshot', file }, 'heap-snapshot-written')
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return
    const exited = new Promise((resolve) => this.#child.once('exit', resolve))
    // Closing the IPC channel makes the server exit on its own, which writes a `--cpu-prof` profile.
    this.#child.disconnect()
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
}
