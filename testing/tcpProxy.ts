import { connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy on 127.0.0.1 in front of a server (Redis, PostgreSQL), for fault tests that need one
 * node's link to misbehave while the others' don't: `stall()` stops moving bytes both ways (a paused
 * process or a partition: nothing answered, nothing failed), `cut()` drops every connection,
 * `refuse(true)` drops every connection and each new one (the server is unreachable).
 */
export class TcpProxy {
  readonly #server: Server
  readonly #pairs = new Set<[Socket, Socket]>()
  /** Bytes read while stalled, in arrival order, each with the socket it is for. */
  #held: Array<[Socket, Buffer]> = []
  #stalled = false
  #refusing = false

  private constructor(
    server: Server,
    readonly port: number,
  ) {
    this.#server = server
  }

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const proxy = new TcpProxy(server, (server.address() as { port: number }).port)
    server.on('connection', (client) => proxy.#accept(client, targetPort, targetHost))
    return proxy
  }

  /** Stops forwarding (both ways, on every connection, new ones too) until `release()`. */
  stall(): void {
    this.#stalled = true
  }

  release(): void {
    this.#stalled = false
    for (const [to, chunk] of this.#held.splice(0)) if (!to.destroyed) to.write(chunk)
  }

  /** Drops every open connection at once (as a reset would); new ones are accepted. */
  cut(): void {
    for (const [client, upstream] of this.#pairs) {
      client.destroy()
      upstream.destroy()
    }
    this.#pairs.clear()
    this.#held = []
  }

  /** While on, every connection is dropped and every new one closed at once: the server is unreachable. */
  refuse(on: boolean): void {
    this.#refusing = on
    if (on) this.cut()
  }

  async close(): Promise<void> {
    this.cut()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  #accept(client: Socket, targetPort: number, targetHost: string): void {
    if (this.#refusing) {
      client.destroy()
      return
    }
    const upstream = connect(targetPort, targetHost)
    const pair: [Socket, Socket] = [client, upstream]
    this.#pairs.add(pair)
    const drop = () => {
      this.#pairs.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
    this.#forward(client, upstream)
    this.#forward(upstream, client)
  }

  #forward(from: Socket, to: Socket): void {
    from.on('data', (chunk: Buffer) => {
      if (this.#stalled) this.#held.push([to, chunk])
      else to.write(chunk)
    })
  }
}
