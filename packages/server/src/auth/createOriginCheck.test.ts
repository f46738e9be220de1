import { describe, expect, it } from 'vitest'
import { HubError } from '../HubError'
import { createOriginCheck } from './createOriginCheck'

function request(headers: Record<string, string>, url = 'http://app.example.com/events/ticket') {
  return new Request(url, { method: 'POST', headers })
}

function outcome(check: (request: Request) => void, headers: Record<string, string>, url?: string) {
  try {
    check(request(headers, url))
    return 'allowed'
  } catch (error) {
    if (!(error instanceof HubError)) throw error
    return [error.status, error.code, error.message]
  }
}

const REFUSED = [403, 'origin_not_allowed', expect.any(String)]

describe('createOriginCheck', () => {
  const check = createOriginCheck()

  it.each<[string, Record<string, string>]>([
    ['no Origin: not a web page (curl, a server, a native app)', {}],
    ['the same origin', { origin: 'http://app.example.com' }],
    ['the same host over https, as a TLS-terminating proxy shows it', { origin: 'https://app.example.com' }],
    [
      'Sec-Fetch-Site: same-origin, whatever the proxy did to Host',
      {
        origin: 'https://public.example.com',
        'sec-fetch-site': 'same-origin',
      },
    ],
    [
      'Sec-Fetch-Site: none (typed by the user) from the same host',
      {
        origin: 'http://app.example.com',
        'sec-fetch-site': 'none',
      },
    ],
  ])('allows %s', (_name, headers) => {
    expect(outcome(check, headers)).toBe('allowed')
  })

  it.each<[string, Record<string, string>, string]>([
    [
      'another origin',
      { origin: 'https://evil.example' },
      'Origin "https://evil.example" may not request tickets',
    ],
    [
      'another port',
      { origin: 'http://app.example.com:8080' },
      'Origin "http://app.example.com:8080" may not request tickets',
    ],
    [
      'a sibling subdomain the browser calls same-site',
      {
        origin: 'https://admin.example.com',
        'sec-fetch-site': 'same-site',
      },
      'Origin "https://admin.example.com" may not request tickets',
    ],
    [
      'an opaque origin (sandboxed iframe, file:)',
      { origin: 'null' },
      'Origin "null" may not request tickets',
    ],
    [
      'a cross-site request without Origin',
      { 'sec-fetch-site': 'cross-site' },
      'A cross-site request without Origin may not request tickets',
    ],
  ])('refuses %s with 403 origin_not_allowed', (_name, headers, message) => {
    expect(outcome(check, headers)).toEqual([403, 'origin_not_allowed', message])
  })

  it('allows the listed origins exactly, and still the server’s own', () => {
    const listed = createOriginCheck(['https://app.example.com', 'http://localhost:5173'])
    const crossSite = (origin: string) => ({ origin, 'sec-fetch-site': 'cross-site' })
    const api = 'https://api.example.com/events/ticket'
    expect(outcome(listed, crossSite('https://app.example.com'), api)).toBe('allowed')
    expect(outcome(listed, crossSite('http://localhost:5173'), api)).toBe('allowed')
    expect(outcome(listed, { origin: 'https://api.example.com' }, api)).toBe('allowed')
    expect(outcome(listed, crossSite('http://localhost:5174'), api)).toEqual([
      403,
      'origin_not_allowed',
      'Origin "http://localhost:5174" may not request tickets',
    ])
    expect(outcome(listed, crossSite('https://app.example.com.evil.example'), api)).toEqual(REFUSED)
  })

  it('asks a function, for rules a list cannot say', () => {
    const subdomains = createOriginCheck((origin) => /^https:\/\/[a-z0-9-]+\.example\.com$/.test(origin))
    const api = 'https://api.example.com/events/ticket'
    expect(
      outcome(subdomains, { origin: 'https://shop.example.com', 'sec-fetch-site': 'same-site' }, api),
    ).toBe('allowed')
    expect(outcome(subdomains, { origin: 'https://example.com.evil.example' }, api)).toEqual(REFUSED)
  })

  it.each([
    ['https://app.example.com/', ' (did you mean "https://app.example.com"?)'],
    ['https://App.Example.com', ' (did you mean "https://app.example.com"?)'],
    ['https://app.example.com:443', ' (did you mean "https://app.example.com"?)'],
    ['app.example.com', ''],
    ['null', ''],
    ['*', ''],
  ])('refuses the allowedOrigins entry %j as a server error', (entry, hint) => {
    expect(() => createOriginCheck([entry])).toThrow(
      new HubError(
        'invalid_option',
        `allowedOrigins: "${entry}" is not an origin like https://app.example.com${hint}`,
        { status: 500 },
      ),
    )
  })

  it('is a named function, for readable stack traces', () => {
    expect(createOriginCheck().name).toBe('checkOrigin')
  })
})
