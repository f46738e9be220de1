import { describe, expect, it } from 'vitest'
import { HubError } from '../HubError'
import { encodeFrame, encodeFrameBytes, HEARTBEAT_BYTES } from './encodeFrame'

describe('encodeFrame', () => {
  it.each([
    [{ data: 'x' }, 'data: x\n\n'],
    [
      { id: '1', event: 'invalidate', data: '{"resource":"orders"}' },
      'id: 1\nevent: invalidate\ndata: {"resource":"orders"}\n\n',
    ],
    [{ event: 'e', id: 'a-1', retry: 3000, data: 'd' }, 'retry: 3000\nid: a-1\nevent: e\ndata: d\n\n'],
    [{ retry: 0 }, 'retry: 0\n\n'],
    [{ data: 'one\ntwo' }, 'data: one\ndata: two\n\n'],
    [{ data: 'one\r\ntwo\rthree\n' }, 'data: one\ndata: two\ndata: three\ndata: \n\n'],
    [{ data: '' }, 'data: \n\n'],
    [{ id: '' }, 'id: \n\n'],
    [{}, '\n'],
    [{ data: 'ünïcødé ✓' }, 'data: ünïcødé ✓\n\n'],
  ])('%j → %j', (frame, expected) => {
    expect(encodeFrame(frame)).toBe(expected)
  })

  it.each([
    [{ id: 'a\nb' }, 'An event id may not contain CR or LF'],
    [{ id: 'a\rb' }, 'An event id may not contain CR or LF'],
    [{ event: 'x\ndata: forged' }, 'An event type may not contain CR or LF'],
    [{ event: 'x\r' }, 'An event type may not contain CR or LF'],
    [{ retry: -1 }, 'retry must be a non-negative integer, got -1'],
    [{ retry: 1.5 }, 'retry must be a non-negative integer, got 1.5'],
  ])('refuses %j', (frame, message) => {
    expect(() => encodeFrame(frame)).toThrow(new HubError('bad_request', message))
  })

  it('encodes UTF-8 bytes and a heartbeat comment', () => {
    expect(Buffer.from(encodeFrameBytes({ data: 'é' })).toString('hex')).toBe(
      Buffer.from('data: é\n\n').toString('hex'),
    )
    expect(new TextDecoder().decode(HEARTBEAT_BYTES)).toBe(': hb\n\n')
  })
})
