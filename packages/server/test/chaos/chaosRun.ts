import { checkContinuity } from '../../src/testing/index'
import { ChaosClient } from './ChaosClient'
import type { NodeProcess } from './NodeProcess'

/**
 * One chaos run over node processes: clients spread over the nodes, events published one at a time
 * through the nodes (so the order they were accepted in is the stream order), and the verdict: every
 * client has every accepted event once, in order, or a `resync` covering what it lacks.
 */
export class ChaosRun {
  readonly clients: ChaosClient[] = []
  /** Domain ids of the events the engine accepted, in stream order. */
  readonly published: string[] = []
  /** Domain ids whose publish was refused or timed out: they may or may not have been appended. */
  readonly refused = new Set<string>()
  #next = 0

  constructor(readonly nodes: NodeProcess[]) {}

  /** Opens `count` clients, spread over the nodes, and waits until each is connected. */
  async connect(count: number): Promise<void> {
    const urls = () => this.nodes.filter((node) => node.running).map((node) => node.url)
    for (let i = 0; i < count; i++) {
      const client = new ChaosClient(urls, i)
      this.clients.push(client)
      client.start()
    }
    await this.until(
      () => this.clients.every((client) => client.connections > 0),
      'every client is connected',
    )
  }

  /** Publishes `count` events one after the other through `via` (round-robin over them when several). */
  async publish(count: number, via: NodeProcess[]): Promise<void> {
    for (let i = 0; i < count; i++) {
      const id = `e${this.#next++}`
      const node = via[i % via.length]!
      const accepted = await fetch(`${node.url}/publish?id=${id}`, { method: 'POST' })
        .then((response) => response.ok)
        .catch(() => false)
      if (accepted) this.published.push(id)
      else this.refused.add(id)
    }
  }

  /** Publishes through `via` until one is accepted (the engine may be on its way back). */
  async publishOnceAccepted(via: NodeProcess[], timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const before = this.published.length
      await this.publish(1, via)
      if (this.published.length > before) return this.published.at(-1)!
      if (Date.now() > deadline) throw new Error('no publish was accepted in time')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  /** Waits until every client has `id` (the last event of the run). */
  async allReceived(id: string, timeoutMs = 30_000): Promise<void> {
    await this.until(
      () => this.clients.every((client) => client.has(id)),
      `every client has ${id}`,
      timeoutMs,
    )
  }

  /** Every client's violations of the no-silent-loss contract, by client; empty when it holds. */
  violations(): string[] {
    const problems: string[] = []
    this.clients.forEach((client, index) => {
      const log = client.log.filter((entry) => !('id' in entry) || !this.refused.has(entry.id))
      for (const problem of checkContinuity(this.published, log)) problems.push(`client ${index}: ${problem}`)
    })
    return problems.slice(0, 20)
  }

  stop(): void {
    for (const client of this.clients) client.stop()
  }

  async until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
}
