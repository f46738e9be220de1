import { describe, expect, it } from 'vitest'
import { HubError } from '../HubError'
import { refuseRenamedOptions } from './refuseRenamedOptions'

describe('refuseRenamedOptions', () => {
  it('names the old option and its new name, as a 500 invalid_option', () => {
    const refuse = () => refuseRenamedOptions('redisBus', { maxLen: 500 }, { maxLen: 'maxEvents' })
    expect(refuse).toThrow(
      new HubError('invalid_option', 'redisBus: maxLen was renamed maxEvents', { status: 500 }),
    )
  })

  it('lets options without an old name through, whatever their values', () => {
    expect(() =>
      refuseRenamedOptions('redisBus', { maxEvents: 500, stream: 'maxLen' }, { maxLen: 'maxEvents' }),
    ).not.toThrow()
  })
})
