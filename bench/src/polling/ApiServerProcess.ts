import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ApiCommand, ApiCounters, ApiHubOptions, ApiReply, Mutation } from './dashboardData'

/**
 * The API server (`apiServer.ts`) in a process of its own, from the sources (tsx, `@ssehub/source`), so
 * that `process.cpuUsage()` there is the server's CPU and nothing else's; driven over IPC.
 */
export class ApiServerProcess {
  readonly #child: ChildProcess
  readonly #waiting: Array<(reply: ApiReply) => boolean> = []
  url = ''

  private constructor(hubOptions: ApiHubOptions) {
    this.#child = fork(
      fileURLToPath(new URL('./apiServer.ts', import.meta.url)),
      [JSON.stringify(hubOptions)],
      {
        execArgv: ['--import', 'tsx', '--conditions=@ssehub/source'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    )
    this.#child.on('message', (reply: ApiReply) => {
      const index = this.#waiting.findIndex((accept) => accept(reply))
      if (index !== -1) this.#waiting.splice(index, 1)
    })
  }

  static async start(hubOptions: ApiHubOptions = {}): Promise<ApiServerProcess> {
    const server = new ApiServerProcess(hubOptions)
    const { port } = await server.#next('listening')
    server.url = `http://127.0.0.1:${port}`
    return server
  }

  /** Starts every tenant writing at its rate for `durationMs`. */
  async mutate(tenants: number, perTenantPerMinute: number, durationMs: number): Promise<void> {
    await this.#request({ type: 'mutate', tenants, perTenantPerMinute, durationMs }, 'mutating')
  }

  async counters(): Promise<ApiCounters> {
    return this.#request({ type: 'counters' }, 'counters')
  }

  /** The mutations committed in [sinceMs, untilMs). */
  async mutations(sinceMs: number, untilMs: number): Promise<Mutation[]> {
    return (await this.#request({ type: 'mutations', sinceMs, untilMs }, 'mutations')).mutations
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return
    const exited = new Promise((resolve) => this.#child.once('exit', resolve))
    this.#child.disconnect()
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }

  #request<T extends ApiReply['type']>(command: ApiCommand, type: T) {
    const reply = this.#next(type)
    this.#child.send(command)
    return reply
  }

  #next<T extends ApiReply['type']>(type: T): Promise<Extract<ApiReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`API server exited (${code}) waiting for ${type}`))
      this.#child.once('exit', onExit)
      this.#waiting.push((reply) => {
        if (reply.type !== type) return false
        this.#child.off('exit', onExit)
        resolve(reply as Extract<ApiReply, { type: T }>)
        return true
      })
    })
  }
}
