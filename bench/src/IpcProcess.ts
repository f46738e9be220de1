import { type ChildProcess, fork } from 'node:child_process'

/**
 * A bench server in a Node process of its own (so its CPU time and memory are its own), driven over the
 * `fork` IPC channel: `request` sends a command and resolves with the first reply of the type asked for.
 */
export class IpcProcess<Command, Reply extends { type: string }> {
  readonly #child: ChildProcess
  readonly #waiting: Array<(reply: Reply) => boolean> = []

  constructor(path: string, args: string[], execArgv: string[]) {
    this.#child = fork(path, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
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
