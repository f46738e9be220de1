import type { BusMessage } from '@ssehub/server/engine'
import { describe, expect, it } from 'vitest'
import { decodeStreamEntry, encodeGapMarker, encodeStreamEntry } from './streamEntry'

const full: BusMessage = {
  type: 'progress',
  topics: ['imports', 'imports.imp_9'],
  data: '{"current":1,"total":2}',
  lane: 'coalesced',
  coalesceKey: 'progress:imports.imp_9',
  group: { tenant_id: 't1', plan: 'pro' },
  ttlMs: 5000,
  supersedes: 'progress:imports.imp_8',
  publishedAt: 1_700_000_000_123,
}

describe('stream entries', () => {
  it('round-trips every field of a message, the entry id becoming the event id', () => {
    const numbered = (seq: number, fields: string[]) => ['epoch', 'e1', 'seq', String(seq), ...fields]
    expect(decodeStreamEntry(['1-1', numbered(1, encodeStreamEntry(full))])).toEqual({
      epoch: 'e1',
      seq: 1,
      kind: 'event',
      event: { ...full, id: '1-1' },
    })
    const minimal: BusMessage = { type: 't', topics: ['a'], data: 'null', lane: 'instant', publishedAt: 1 }
    expect(decodeStreamEntry(['1-2', numbered(2, encodeStreamEntry(minimal))])).toMatchObject({
      event: { ...minimal, id: '1-2' },
    })
    expect(decodeStreamEntry(['1-3', numbered(3, encodeGapMarker('why'))])).toEqual({
      epoch: 'e1',
      seq: 3,
      kind: 'gap',
      id: '1-3',
      detail: 'why',
    })
  })

  it('stores data as written, so redis-cli shows it', () => {
    const fields = encodeStreamEntry(full)
    expect(fields[fields.indexOf('data') + 1]).toBe(full.data)
  })

  it('skips entries that are not ssehub events', () => {
    const valid = ['epoch', 'e1', 'seq', '4', ...encodeStreamEntry(full)]
    const withField = (name: string, value: string) => {
      const fields = [...valid]
      fields[fields.indexOf(name) + 1] = value
      return fields
    }
    for (const fields of [
      [],
      ['hello', 'world'],
      withField('lane', 'urgent'),
      withField('topics', 'orders'),
      withField('topics', '[1]'),
      withField('publishedAt', 'yesterday'),
      withField('group', '{"tenant_id":1}'),
      withField('group', '["t1"]'),
      withField('ttlMs', 'soon'),
      valid.slice(4),
      valid.slice(2),
      withField('seq', '0'),
      withField('seq', 'x'),
      withField('seq', '1.5'),
      encodeStreamEntry(full),
    ]) {
      expect(decodeStreamEntry(['1-1', fields])).toBeUndefined()
    }
  })
})
