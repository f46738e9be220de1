import { fileURLToPath } from 'node:url'
import { IpcProcess } from '../IpcProcess'
import type { ServerCommand, ServerReply } from '../servers/protocol'

/** The servers under test, by the name the tables use, and the file each runs (on Node unless named). */
export const SERVERS = {
  'raw net (ceiling)': 'rawNetServer.ts',
  'node:http (floor)': 'nodeHttpServer.ts',
  ssehub: 'ssehubServer.ts',
  'ssehub web stream (Node)': 'ssehubWebStreamServer.ts',
  'ssehub on Bun': 'ssehubBunServer.ts',
  'ssehub on Deno': 'ssehubDenoServer.ts',
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
  readonly #process: IpcProcess<ServerCommand, ServerReply>
  port = 0

  private constructor(file: string, execArgv: string[]) {
    const path = fileURLToPath(new URL(`../servers/${file}`, import.meta.url))
    const runtime = file.includes('Bun') ? 'bun' : file.includes('Deno') ? 'deno' : 'node'
    this.#process = new IpcProcess(path, [], ['--import', 'tsx', '--expose-gc', ...execArgv], runtime)
  }

  static async start(name: ServerName, execArgv: string[] = []): Promise<ServerProcess> {
    const server = new ServerProcess(SERVERS[name], execArgv)
    const listening = await server.#process.next('listening')
    server.port = listening.port
    return server
  }

  usage(gc = false): Promise<Usage> {
    return this.#process.request({ type: 'usage', gc }, 'usage')
  }

  burst(events: number, firstSeq: number) {
    return this.#process.request({ type: 'burst', events, firstSeq }, 'burst-done')
  }

  publish(seq: number) {
    return this.#process.request({ type: 'publish', seq }, 'published')
  }

  /** Starts, or stops and writes to `file`, a CPU profile of the server. */
  profile(action: 'start' | 'stop', file = '') {
    return this.#process.request({ type: 'profile', action, file }, 'profiled')
  }

  /** Writes a heap snapshot of the server (after a full GC) to `file`. */
  heapSnapshot(file: string) {
    return this.#process.request({ type: 'heap-snapshot', file }, 'heap-snapshot-written')
  }

  stop(): Promise<void> {
    return this.#process.stop()
  }
}
