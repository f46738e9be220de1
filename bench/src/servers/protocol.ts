/** Messages between the bench driver and a server process, over the `fork` IPC channel. */

/** Driver → server. */
export type ServerCommand =
  | { type: 'burst'; events: number; firstSeq: number }
  | { type: 'usage'; gc: boolean }
  | { type: 'publish'; seq: number }
  | { type: 'heap-snapshot'; file: string }
  | { type: 'profile'; action: 'start' | 'stop'; file: string }

/** Server → driver. */
export type ServerReply =
  | { type: 'listening'; port: number }
  | { type: 'burst-done'; publishedMs: number }
  | {
      type: 'usage'
      cpuUserUs: number
      cpuSystemUs: number
      rssBytes: number
      heapUsedBytes: number
      connections: number
    }
  | { type: 'published' }
  | { type: 'heap-snapshot-written'; file: string }
  | { type: 'profiled' }

/** What each server under test implements; `serveBench` does the rest. */
export interface BenchServer {
  /** Listens on 127.0.0.1 and resolves to the port. */
  listen(): Promise<number>
  /** Sends invalidation `seq`, stamped now, to every connected client. */
  publish(seq: number): void | Promise<void>
  /** Clients connected now. */
  connections(): number
}
