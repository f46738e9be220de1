import { HubError } from '@ssehub/server'
import { describe, expect, it } from 'vitest'
import { hubErrorFromRpc, toRpcError } from './rpcError'

describe('HubError across RPC', () => {
  it('comes back with its code, status, Retry-After and message, as workerd hands it over', () => {
    const sent = toRpcError(
      new HubError('draining', 'Going away: reconnect', { status: 503, retryAfterSec: 3 }),
    )
    // RPC keeps the message of a plain Error (workerd may prefix the name).
    const received = new Error(`Error: ${sent.message}`)
    const error = hubErrorFromRpc(received)
    expect(error).toBeInstanceOf(HubError)
    expect([error?.code, error?.status, error?.retryAfterSec, error?.message]).toEqual([
      'draining',
      503,
      3,
      'Going away: reconnect',
    ])
  })

  it('leaves other errors alone', () => {
    expect(hubErrorFromRpc(new Error('Network connection lost.'))).toBeUndefined()
    expect(hubErrorFromRpc('nope')).toBeUndefined()
  })
})
