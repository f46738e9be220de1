import { describe, expect, it } from 'vitest'
import { STREAM_HEADERS, streamHeaders } from './streamHeaders'

describe('streamHeaders', () => {
  it("keeps a middleware's headers (every cookie), lets ours win, and drops what misdescribes a stream", () => {
    const preset = new Headers({
      'access-control-allow-origin': 'https://app.example',
      'cache-control': 'private',
      'content-length': '12',
      'content-encoding': 'gzip',
    })
    preset.append('set-cookie', 'a=1')
    preset.append('set-cookie', 'b=2')
    expect(streamHeaders(preset, false)).toEqual({
      'access-control-allow-origin': 'https://app.example',
      'set-cookie': ['a=1', 'b=2'],
      ...STREAM_HEADERS,
    })
  })

  it('leaves out Connection on HTTP/2, where it is not allowed', () => {
    expect(streamHeaders(new Headers(), true)).not.toHaveProperty('connection')
  })
})
