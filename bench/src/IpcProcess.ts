import { type ChildProcess, fork, spawn } from 'node:child_process'
import { runtimes } from '../../testing/runtimes'

/** Where a bench process runs: Node (through `fork`), or Bun or Deno from `bench/runtimes`. */
export type BenchRuntime = 'node' | 'bun' | 'deno'

/**
 * A bench server in a process of its own (so its CPU time and memory are its own), driven over an IPC
 * channel: `request` sends a command and resolves with the first reply of the type asked for. On Bun and
 * Deno the channel speaks JSON, which both understand from a Node parent; `execArgv` is Node's only.
 */
export class IpcProcess<Command, Reply extends { type: string }> {
  readonly #child: ChildProcess
  readonly #waiting: Array<(reply: Reply) => boolean> = []

  constructor(path: string, args: string[], execArgv: string[], runtime: BenchRuntime = 'node') {
    this.#child = start(path, args, execArgv, runtime)
    this.#child.on('message', (reply: Reply) => {
      const index = this.#waiting.findIndex((accept) => accept(reply))
      if (index !== -1) this.#waiting.splice(index, 1)
    })
  }

  /** Sends `command` and waits for the reply of `type`. */
  request<T extends Reply['type']>(command: Command, type: T): Promise<Extract<Reply, { type: T }>> {
    const reply = this.next(type)
    this.#child.send(command as object)
    return reply
  }

  /** The next reply of `type` (rejects if the process exits first). */
  next<T extends Reply['type']>(type: T): Promise<Extract<Reply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`server exited (${code}) waiting for ${type}`))
      this.#child.once('exit', onExit)
      this.#waiting.push((reply) => {
        if (reply.type !== type) return false
        this.#child.off('exit', onExit)
        resolve(reply as Extract<Reply, { type: T }>)
        return true
      })
    })
  }

  /** Closes the IPC channel (the server's signal to exit, writing any `--cpu-prof` profile); kills it after 10 s. */
  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return
    const exited = new Promise((resolve) => this.#child.once('exit', resolve))
    this.#child.disconnect()
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
}

function start(path: string, args: string[], execArgv: string[], runtime: BenchRuntime): ChildProcess {
  const stdio: ['ignore', 'inherit', 'inherit', 'ipc'] = ['ignore', 'inherit', 'inherit', 'ipc']
  if (runtime === 'bun') return spawn(runtimes.bun, [path, ...args], { stdio, serialization: 'json' })
  if (runtime === 'deno') {
    const flags = ['--allow-all', '--unstable-sloppy-imports', '--v8-flags=--expose-gc']
    return spawn(runtimes.deno, ['run', ...flags, path, ...args], { stdio, serialization: 'json' })
  }
  return fork(path, args, { execArgv, stdio })
}
