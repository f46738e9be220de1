import { type InjectionKey, inject } from 'vue'
import type { Api } from '../shared/api'
import type { Session } from '../shared/session'

export const apiKey: InjectionKey<{ api: Api; session: Session }> = Symbol('playground api')

/** The tab's API client and session. */
export function useApi(): { api: Api; session: Session } {
  const value = inject(apiKey)
  if (!value) throw new Error('No API found: provide it with app.provide(apiKey, { api, session }).')
  return value
}
