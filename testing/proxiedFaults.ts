import { TcpProxy } from './tcpProxy'

/**
 * The faults an engine's conformance harness injects when each node reaches the store through a
 * `TcpProxy` of its own: `stall` and `cut` one node's link, `outage` refuses every node's. `connect`
 * makes a node's proxy; `forget` closes it when the node closes.
 */
export function proxiedFaults<Node>(storePort: () => number) {
  const proxies = new Map<Node, TcpProxy>()
  return {
    /** A proxy to the store for a node being made; `attach` ties it to the node once it exists. */
    async connect(): Promise<{ port: number; attach(node: Node): void; close(): Promise<void> }> {
      const proxy = await TcpProxy.start(storePort())
      let attached: Node | undefined
      return {
        port: proxy.port,
        attach(node) {
          attached = node
          proxies.set(node, proxy)
        },
        async close() {
          if (attached !== undefined) proxies.delete(attached)
          await proxy.close()
        },
      }
    },
    async stall(node: Node): Promise<() => Promise<void>> {
      const proxy = proxies.get(node)!
      proxy.stall()
      return async () => proxy.release()
    },
    async cut(node: Node): Promise<void> {
      proxies.get(node)!.cut()
    },
    async outage(): Promise<() => Promise<void>> {
      const down = [...proxies.values()]
      for (const proxy of down) proxy.refuse(true)
      return async () => {
        for (const proxy of down) proxy.refuse(false)
      }
    },
  }
}
