import { type InjectionKey, inject } from 'vue'
import type { Api } from '../shared/api'
import type { ApiMeter } from '../shared/apiMeter'
import type { Session } from '../shared/session'

export const apiKey: InjectionKey<{ api: Api; session: Session; meter: ApiMeter }> = Symbol('playground api')

/** The tab's API client, session and request meter. */
export function useApi(): { api: Api; session: Session; meter: ApiMeter } {
  const value = inject(apiKey)
  if (!value) throw new Error('No API found: provide it with app.provide(apiKey, { api, session, meter }).')
  return value
}
