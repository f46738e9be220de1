import { type ChildProcess, spawn } from 'node:child_process'

/**
 * A hub node in a process of its own (Node running a script that calls `serveNode`, with tsx loaded in
 * the same process as an `--import` hook: the `tsx` command would put a wrapper process in between that
 * signals never get past), so a chaos test can do to it what an operator's machine does: SIGSTOP and
 * SIGCONT it, SIGKILL it, SIGTERM it (it drains), and start it again on the same port.
 */
export class NodeProcess {
  #child: ChildProcess | undefined
  port = 0

  constructor(
    /** The package's tsx loader (`node_modules/tsx/dist/loader.mjs`), as a file URL. */
    readonly tsxLoader: string,
    readonly script: string,
    readonly args: string[],
    readonly env: Record<string, string> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get running(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null
  }

  /** Starts it (on its previous port when it had one); resolves once it serves. */
  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      ['--import', this.tsxLoader, '--conditions=@ssehub/source', this.script, ...this.args],
      {
        env: { ...process.env, ...this.env, PORT: String(this.port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    this.#child = child
    let output = ''
    child.stderr!.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000)
    })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`node did not start:\n${output}`)), 30_000)
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /listening (\d+)/.exec(output)
        if (!match) return
        clearTimeout(timer)
        this.port = Number(match[1])
        resolve()
      })
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`node exited (${code ?? signal}) before serving:\n${output}`))
      })
    })
  }

  /** SIGSTOP: the process stops dead, its sockets stay open (a GC pause, a frozen VM). */
  pause(): void {
    this.#child?.kill('SIGSTOP')
  }

  /** SIGCONT. */
  resume(): void {
    this.#child?.kill('SIGCONT')
  }

  /** SIGKILL, as a crash; resolves when it is gone. */
  kill(): Promise<void> {
    return this.#signal('SIGKILL')
  }

  /** SIGTERM: it drains its streams and exits; resolves when it is gone. */
  drain(): Promise<void> {
    return this.#signal('SIGTERM')
  }

  async #signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.#child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGCONT')
    child.kill(signal)
    await exited
  }
}
