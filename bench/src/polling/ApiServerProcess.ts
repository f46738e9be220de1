import { fileURLToPath } from 'node:url'
import { IpcProcess } from '../IpcProcess'
import type { ApiCommand, ApiCounters, ApiHubOptions, ApiReply, Mutation } from './dashboardData'

/**
 * The API server (`apiServer.ts`) in a process of its own, so that `process.cpuUsage()` there is the
 * server's CPU and nothing else's; driven over IPC. It runs `@ssehub/server` from its build, as users
 * install it (`bench:polling` builds it first): through tsx, every named closure of the sources gets a
 * `name` defined at run time, which costs memory and time per connection that users never pay.
 * `BENCH_API_NODE_FLAGS` adds Node flags to it, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its
 * time goes.
 */
export class ApiServerProcess {
  readonly #process: IpcProcess<ApiCommand, ApiReply>
  url = ''

  private constructor(hubOptions: ApiHubOptions) {
    this.#process = new IpcProcess(
      fileURLToPath(new URL('./apiServer.ts', import.meta.url)),
      [JSON.stringify(hubOptions)],
      ['--import', 'tsx', ...(process.env.BENCH_API_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])],
    )
  }

  static async start(hubOptions: ApiHubOptions = {}): Promise<ApiServerProcess> {
    const server = new ApiServerProcess(hubOptions)
    const { port } = await server.#process.next('listening')
    server.url = `http://127.0.0.1:${port}`
    return server
  }

  /** Starts every tenant writing at its rate for `durationMs`. */
  async mutate(tenants: number, perTenantPerMinute: number, durationMs: number): Promise<void> {
    await this.#process.request({ type: 'mutate', tenants, perTenantPerMinute, durationMs }, 'mutating')
  }

  async counters(): Promise<ApiCounters> {
    return this.#process.request({ type: 'counters' }, 'counters')
  }

  /** The mutations committed in [sinceMs, untilMs). */
  async mutations(sinceMs: number, untilMs: number): Promise<Mutation[]> {
    return (await this.#process.request({ type: 'mutations', sinceMs, untilMs }, 'mutations')).mutations
  }

  stop(): Promise<void> {
    return this.#process.stop()
  }
}
