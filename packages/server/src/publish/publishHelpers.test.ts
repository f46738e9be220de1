import type { InvalidationData } from '@ssehub/protocol'
import { describe, expect, it } from 'vitest'
import type { BusMessage } from '../events'
import { HubError } from '../HubError'
import { createPublishHelpers } from './publishHelpers'

function helpers() {
  const sent: BusMessage[] = []
  const hub = createPublishHelpers(async (message) => {
    sent.push(message)
    return String(sent.length)
  }, 'tenant_id')
  return { hub, sent, last: () => ({ ...sent.at(-1)!, data: JSON.parse(sent.at(-1)!.data) }) }
}

const error = (code: string, message: string) => new HubError(code, message)

describe('publish helpers', () => {
  it('take a number id: its decimal string on topics, the number itself in the data', async () => {
    const { hub, last } = helpers()
    await hub.invalidate('orders', { id: 5, action: 'updated' })
    expect(last()).toMatchObject({
      type: 'invalidate',
      topics: ['orders', 'orders.5'],
      data: { resource: 'orders', id: 5, action: 'updated' },
    })
    await hub.invalidate('orders', { id: -12 })
    expect(last().topics).toEqual(['orders', 'orders.-12'])
  })

  it.each([
    [Number.NaN, 'A number id must be a safe integer, got NaN'],
    [1.5, 'A number id must be a safe integer, got 1.5'],
    [-0, 'A number id must be a safe integer, got -0'],
    [Number.POSITIVE_INFINITY, 'A number id must be a safe integer, got Infinity'],
    [2 ** 53, 'A number id must be a safe integer, got 9007199254740992'],
    [true, 'An id must be a string or a number, got boolean true'],
    [{ id: 1 }, 'An id must be a string or a number, got an object'],
  ])('refuse the id %s with bad_request, publishing nothing', async (id, message) => {
    const { hub, sent } = helpers()
    await expect(hub.invalidate('orders', { id: id as number })).rejects.toEqual(
      error('bad_request', message),
    )
    await expect(hub.progress('imports', { id: id as number, current: 1, total: 2 })).rejects.toEqual(
      error('bad_request', message),
    )
    await expect(hub.complete('imports', { id: id as number })).rejects.toEqual(error('bad_request', message))
    await expect(hub.batch([{ resource: 'orders', id: id as number }])).rejects.toEqual(
      error('bad_request', message),
    )
    expect(sent).toEqual([])
  })

  it('refuse an id that is not one topic token with bad_topic', async () => {
    const { hub } = helpers()
    await expect(hub.invalidate('orders', { id: 'a.b' })).rejects.toEqual(
      error('bad_topic', 'An id must be one topic token (no "."), got "a.b"'),
    )
    await expect(hub.invalidate('orders', { id: 'a b' })).rejects.toMatchObject({ code: 'bad_topic' })
  })

  it('coalesce progress of 5 and "5" under one key, which complete of either discards', async () => {
    const { hub, sent } = helpers()
    await hub.progress('imports', { id: 5, current: 1, total: 4 })
    await hub.progress('imports', { id: '5', current: 2, total: 4 })
    await hub.complete('imports', { id: 5, status: 'failed', hint: { rows: 2 } })
    expect(sent.map((m) => m.coalesceKey ?? m.supersedes)).toEqual([
      'progress:imports.5',
      'progress:imports.5',
      'progress:imports.5',
    ])
    expect(JSON.parse(sent[0]!.data)).toEqual({ resource: 'imports', id: 5, current: 1, total: 4, pct: 25 })
    expect(JSON.parse(sent[2]!.data)).toEqual({
      resource: 'imports',
      id: 5,
      status: 'failed',
      hint: { rows: 2 },
    })
  })

  it('name misuse of progress and complete precisely', async () => {
    const { hub, sent } = helpers()
    const untyped = hub as unknown as Record<string, (...args: unknown[]) => Promise<string>>
    await expect(untyped.progress!('imports', { current: 1, total: 2 })).rejects.toEqual(
      error('bad_request', 'progress needs an id: progress(resource, { id, current, total })'),
    )
    await expect(untyped.progress!('imports', 'imp_1', { current: 1, total: 2 })).rejects.toEqual(
      error('bad_request', 'progress takes an options object as its second argument, got string imp_1'),
    )
    await expect(untyped.progress!('imports', { id: 'i', current: '1', total: 2 })).rejects.toEqual(
      error('bad_request', 'progress needs numbers current and total, got string 1 and number 2'),
    )
    await expect(untyped.complete!('imports', 'imp_1')).rejects.toEqual(
      error('bad_request', 'complete takes an options object as its second argument, got string imp_1'),
    )
    await expect(untyped.complete!('imports', {})).rejects.toEqual(
      error('bad_request', 'complete needs an id: complete(resource, { id, status })'),
    )
    await expect(untyped.complete!('imports', { id: 'i', status: 'done' })).rejects.toEqual(
      error('bad_request', 'complete status must be "completed" or "failed", got string done'),
    )
    await expect(untyped.invalidate!('orders', { id: 'o', action: 3 })).rejects.toEqual(
      error('bad_request', 'action must be a string, got number 3'),
    )
    await expect(untyped.batch!([{ resource: 'orders' }, 'orders'])).rejects.toEqual(
      error('bad_request', 'batch item 1 must be an object, got string orders'),
    )
    await expect(untyped.batch!([])).rejects.toEqual(
      error('bad_request', 'batch needs a non-empty array of invalidations'),
    )
    expect(sent).toEqual([])
  })

  it('send to a tenant: the group of the hub tenantKey, merged with group', async () => {
    const { hub, last } = helpers()
    await hub.invalidate('orders', { id: 'o1', tenant: 't1' })
    expect(last()).toMatchObject({ group: { tenant_id: 't1' }, data: { resource: 'orders', id: 'o1' } })
    expect(last().data).not.toHaveProperty('tenant')
    await hub.progress('imports', { id: 'i', current: 1, total: 2, tenant: 't1', group: { role: 'admin' } })
    expect(last().group).toEqual({ role: 'admin', tenant_id: 't1' })
    await hub.complete('imports', { id: 'i', tenant: 't1', group: { tenant_id: 't1' } })
    expect(last().group).toEqual({ tenant_id: 't1' })
    await hub.signal('dashboard', { tenant: 't2' })
    expect(last()).toMatchObject({ type: 'signal', group: { tenant_id: 't2' }, lane: 'coalesced' })
    await hub.batch([{ resource: 'orders', id: 1 }, { resource: 'invoices' }], { tenant: 't3' })
    expect(last()).toMatchObject({
      topics: ['orders', 'orders.1', 'invoices'],
      group: { tenant_id: 't3' },
      data: [{ resource: 'orders', id: 1 }, { resource: 'invoices' }],
    })
  })

  it('refuse a subject that is not a string: one signal is one topic', async () => {
    const { hub, sent } = helpers()
    const untyped = hub as unknown as Record<string, (...args: unknown[]) => Promise<string>>
    await expect(untyped.signal!(['dashboard', 'orders'])).rejects.toEqual(
      error('bad_topic', 'Topic "dashboard,orders" is not a string'),
    )
    await expect(untyped.invalidate!(5)).rejects.toEqual(error('bad_topic', 'Topic "5" is not a string'))
    await expect(untyped.batch!([{ id: 1 }])).rejects.toEqual(
      error('bad_topic', 'Topic "undefined" is not a string'),
    )
    expect(sent).toEqual([])
  })

  it('refuse a batch item that names its own audience: batch has one, its second argument', async () => {
    const { hub, sent } = helpers()
    const items = [
      { resource: 'orders', id: 1 },
      { resource: 'orders', id: 2, tenant: 't2' },
    ]
    await expect(hub.batch(items as InvalidationData[])).rejects.toEqual(
      error('bad_request', 'batch item 1 has tenant: give the audience as batch(items, { tenant, group })'),
    )
    const grouped = [{ resource: 'orders', id: 1, group: { tenant_id: 't2' } }]
    await expect(hub.batch(grouped as InvalidationData[], { tenant: 't1' })).rejects.toEqual(
      error('bad_request', 'batch item 0 has group: give the audience as batch(items, { tenant, group })'),
    )
    expect(sent).toEqual([])
  })

  it('refuse a tenant that conflicts with group, or is not a non-empty string', async () => {
    const { hub, sent } = helpers()
    await expect(hub.invalidate('orders', { tenant: 't1', group: { tenant_id: 't2' } })).rejects.toEqual(
      error('bad_request', 'tenant "t1" conflicts with group.tenant_id "t2": give one of them'),
    )
    await expect(hub.signal('orders', { tenant: '' })).rejects.toEqual(
      error('bad_request', 'tenant must be a non-empty string, got '),
    )
    await expect(hub.signal('orders', { tenant: 7 as unknown as string })).rejects.toEqual(
      error('bad_request', 'tenant must be a non-empty string, got 7'),
    )
    expect(sent).toEqual([])
  })
})

describe('options the helpers do not know', () => {
  it('are refused, so a misspelt tenant never sends a tenant event to everyone', async () => {
    const { hub, sent } = helpers()
    const typo = { id: 'ord_1', tenantId: 'acme' } as unknown as { id: string }
    await expect(hub.invalidate('orders', typo)).rejects.toEqual(
      error(
        'bad_request',
        `invalidate's options has an unknown field "tenantId" (known: id, action, hint, tenant, group)`,
      ),
    )
    await expect(
      hub.progress('imports', { id: 1, current: 1, total: 2, teant: 'acme' } as never),
    ).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('"teant"') })
    await expect(hub.complete('imports', { id: 1, tenant_id: 'acme' } as never)).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('"tenant_id"'),
    })
    await expect(hub.signal('dashboard', { groups: { tenant_id: 'acme' } } as never)).rejects.toMatchObject({
      code: 'bad_request',
    })
    await expect(hub.batch([{ resource: 'orders', tenantId: 'acme' } as never])).rejects.toEqual(
      error(
        'bad_request',
        'batch item 0 has an unknown field "tenantId" (known: resource, id, action, hint)',
      ),
    )
    expect(sent).toEqual([])
  })

  it('read the tenant key of group as an own field only', async () => {
    const sent: BusMessage[] = []
    const hub = createPublishHelpers(async (message) => {
      sent.push(message)
      return '1'
    }, 'toString')
    await hub.invalidate('orders', { tenant: 'acme', group: { region: 'eu' } })
    expect(sent[0]?.group).toEqual({ region: 'eu', toString: 'acme' })
  })
})
