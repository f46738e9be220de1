import { describe, expect, it } from 'vitest'
import { HubError } from '../HubError'
import { toBusMessage } from './messages'

describe('toBusMessage', () => {
  it.each(['connected', 'resync', 'drain', 'cursor'])('refuses the reserved type %s', (type) => {
    expect(() => toBusMessage({ type, topics: 'orders', data: {} })).toThrow(
      new HubError(
        'reserved_type',
        `Event type "${type}" is reserved by the protocol (connected, resync, drain, cursor): choose another name`,
      ),
    )
  })

  it.each(['Connected', 'reconnected', 'drained', 'invalidate'])('accepts the type %s', (type) => {
    expect(toBusMessage({ type, topics: 'orders', data: {} })).toMatchObject({ type, topics: ['orders'] })
  })
})
