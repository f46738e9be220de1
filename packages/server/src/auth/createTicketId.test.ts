import { describe, expect, it } from 'vitest'
import { createTicketId, isTicketId } from './createTicketId'

describe('createTicketId', () => {
  it('makes 43 base64url characters (256 bits), all different', () => {
    const ids = new Set(Array.from({ length: 2_000 }, createTicketId))
    expect(ids.size).toBe(2_000)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('uses the whole alphabet, including - and _', () => {
    const characters = new Set(Array.from({ length: 2_000 }, createTicketId).join(''))
    expect(characters.size).toBe(64)
  })
})

describe('isTicketId', () => {
  it.each<[unknown, boolean]>([
    [createTicketId(), true],
    ['A'.repeat(43), true],
    ['A'.repeat(42), false],
    ['A'.repeat(44), false],
    [`${'A'.repeat(42)}=`, false],
    [`${'A'.repeat(42)}+`, false],
    [`${'A'.repeat(42)}/`, false],
    ['', false],
    [undefined, false],
    [42, false],
  ])('%s → %s', (value, expected) => {
    expect(isTicketId(value)).toBe(expected)
  })
})
