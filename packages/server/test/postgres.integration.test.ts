import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasPostgres, PostgresServer } from '../../../testing/postgresServer'
import { createHub, type Hub } from '../src/index'
import { connect, eventually, startServer } from './sse'

/**
 * A `pg` client's notifications on one channel, as the package README shows: the LISTEN is in place when
 * this resolves, so nothing committed afterwards is missed; the source it resolves to ends when its signal
 * aborts (publishFrom's stop, or the hub's close), even while it waits, and then UNLISTENs.
 */
async function listen(
  client: pg.Client,
  channel: string,
): Promise<(signal: AbortSignal) => AsyncIterable<pg.Notification>> {
  const queue: pg.Notification[] = []
  let wake: (() => void) | undefined
  const onNotification = (message: pg.Notification) => {
    if (message.channel !== channel) return
    queue.push(message)
    wake?.()
  }
  client.on('notification', onNotification)
  await client.query(`LISTEN ${client.escapeIdentifier(channel)}`)
  return async function* notifications(signal) {
    const onAbort = () => wake?.()
    signal.addEventListener('abort', onAbort, { once: true })
    try {
      while (!signal.aborted) {
        while (queue.length > 0 && !signal.aborted) yield queue.shift()!
        if (!signal.aborted) await new Promise<void>((resolve) => (wake = resolve))
      }
    } finally {
      signal.removeEventListener('abort', onAbort)
      client.off('notification', onNotification)
      await client.query(`UNLISTEN ${client.escapeIdentifier(channel)}`)
    }
  }
}

describe.skipIf(!hasPostgres)('publishFrom a real PostgreSQL LISTEN', () => {
  let postgres: PostgresServer
  let hub: Hub
  let closeServer: () => Promise<void>
  let url: string
  const clients: pg.Client[] = []

  beforeAll(async () => {
    postgres = await PostgresServer.start()
    hub = createHub()
    const server = await startServer(hub)
    url = server.url
    closeServer = server.close
  }, 60_000)

  afterAll(async () => {
    await hub?.close()
    await closeServer?.()
    for (const client of clients) await client.end().catch(() => {})
    await postgres?.destroy()
  }, 30_000)

  it('turns a trigger NOTIFY on orders into invalidations, end to end', async () => {
    const client = () => {
      const c = new pg.Client(postgres.connection)
      clients.push(c)
      return c
    }
    const db = client()
    const listener = client()
    await db.connect()
    await listener.connect()
    await db.query(`
      CREATE TABLE orders (id text PRIMARY KEY, status text NOT NULL);
      CREATE FUNCTION notify_orders() RETURNS trigger AS $$
      BEGIN
        PERFORM pg_notify('orders_changed', json_build_object('op', TG_OP, 'id', COALESCE(NEW.id, OLD.id))::text);
        RETURN NULL;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER orders_notify AFTER INSERT OR UPDATE OR DELETE ON orders
        FOR EACH ROW EXECUTE FUNCTION notify_orders();
    `)
    const stream = await connect(`${url}/events?topics=orders.*`)
    const errors: unknown[] = []
    const stop = hub.publishFrom(
      await listen(listener, 'orders_changed'),
      (notification) => {
        const change = JSON.parse(notification.payload ?? '{}') as { op: string; id: string }
        return {
          type: 'invalidate',
          topics: ['orders', `orders.${change.id}`],
          data: { resource: 'orders', id: change.id, action: change.op.toLowerCase() },
        }
      },
      { onError: (error) => errors.push(error) },
    )
    await db.query(`INSERT INTO orders VALUES ('ord_1', 'pending')`)
    await db.query(`UPDATE orders SET status = 'paid' WHERE id = 'ord_1'`)
    await db.query(`DELETE FROM orders WHERE id = 'ord_1'`)
    await stream.untilEvent('invalidate', 3, 20_000)
    expect(stream.events.filter((e) => e.event === 'invalidate').map((e) => e.data)).toEqual([
      { resource: 'orders', id: 'ord_1', action: 'insert' },
      { resource: 'orders', id: 'ord_1', action: 'update' },
      { resource: 'orders', id: 'ord_1', action: 'delete' },
    ])
    expect(errors).toEqual([])
    // Stopping while the source waits for its next notification ends it: the listener goes, UNLISTEN runs.
    stop()
    await eventually(() => listener.listenerCount('notification') === 0)
    // UNLISTEN was queued on the client before the listener went, so this query runs after it.
    expect((await listener.query('SELECT pg_listening_channels()')).rowCount).toBe(0)
  }, 30_000)
})
