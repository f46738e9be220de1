import { describe, expect, it } from 'vitest'
import { HubError } from '../HubError'
import { toBusMessage } from './messages'

describe('toBusMessage', () => {
  it.each(['connected', 'resync', 'drain', 'cursor'])('refuses the reserved type %s', (type) => {
    expect(() => toBusMessage({ type, topics: 'orders', data: {} }, { tenantKey: 'tenant_id' })).toThrow(
      new HubError(
        'reserved_type',
        `Event type "${type}" is reserved by the protocol (connected, resync, drain, cursor): choose another name`,
      ),
    )
  })

  it.each(['Connected', 'reconnected', 'drained', 'invalidate'])('accepts the type %s', (type) => {
    expect(toBusMessage({ type, topics: 'orders', data: {} }, { tenantKey: 'tenant_id' })).toMatchObject({
      type,
      topics: ['orders'],
    })
  })
})

describe('toBusMessage audience', () => {
  const context = { tenantKey: 'org' }

  it('turns tenant into the group pair of the tenant key, merged with group', () => {
    const message = toBusMessage(
      { type: 'x', topics: 'orders', data: {}, tenant: 'acme', group: { role: 'admin' } },
      context,
    )
    expect(message.group).toEqual({ role: 'admin', org: 'acme' })
    expect(message).not.toHaveProperty('tenant')
  })

  it('refuses a group whose tenant key names another tenant', () => {
    expect(() =>
      toBusMessage(
        { type: 'x', topics: 'orders', data: {}, tenant: 'acme', group: { org: 'other' } },
        context,
      ),
    ).toThrow(new HubError('bad_request', 'tenant "acme" conflicts with group.org "other": give one of them'))
  })
})

describe('toBusMessage data', () => {
  const circular: Record<string, unknown> = {}
  circular.self = circular

  it.each([
    ['a BigInt', { n: 1n }, 'Do not know how to serialize a BigInt'],
    ['a circular object', circular, 'Converting circular structure to JSON'],
  ])('refuses data with %s with bad_request, not a TypeError', (_, data, reason) => {
    const publish = () => toBusMessage({ type: 'x', topics: 'orders', data }, { tenantKey: 'tenant_id' })
    expect(publish).toThrow(HubError)
    expect(publish).toThrow(
      expect.objectContaining({ code: 'bad_request', message: expect.stringContaining(reason) }),
    )
  })
})

describe('publish with a field it does not know', () => {
  it('is refused before anything is sent', () => {
    expect(() =>
      toBusMessage({ type: 'order.shipped', topics: 'orders', data: {}, tenantId: 'acme' } as never, {
        tenantKey: 'tenant_id',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'bad_request',
        message:
          'publish has an unknown field "tenantId" (known: type, topics, data, lane, coalesceKey, ttlMs, group, tenant)',
      }),
    )
  })
})

describe('publish with a coalesceKey that is not a string', () => {
  it.each([5, '', null])('refuses %s precisely', (coalesceKey) => {
    expect(() =>
      toBusMessage({ type: 'status', topics: 'orders', data: {}, lane: 'coalesced', coalesceKey } as never, {
        tenantKey: 'tenant_id',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'bad_request',
        message: expect.stringMatching(/^coalesceKey must be a non-empty string, got /),
      }),
    )
  })
})
