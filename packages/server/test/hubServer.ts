import type { Hono } from 'hono'
import { afterEach } from 'vitest'
import { createHub, type Hub, type HubOptions } from '../src/index'
import { startServer } from './sse'

const cleanups: Array<() => Promise<void> | void> = []

/** Runs after the current test: hubs and servers are closed in reverse order of creation. */
export function onCleanup(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup)
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A hub on a real server at 127.0.0.1:0, closed after the test. `configure` mounts extra routes first. */
export async function setupHub(options: HubOptions = {}, configure?: (app: Hono, hub: Hub) => void) {
  const hub = createHub(options)
  const server = await startServer(hub, (app) => configure?.(app, hub))
  onCleanup(() => hub.close())
  onCleanup(() => server.close())
  return { hub, ...server }
}
