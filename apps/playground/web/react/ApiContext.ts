import { createContext, useContext } from 'react'
import type { Api } from '../shared/api'
import type { ApiMeter } from '../shared/apiMeter'
import type { Session } from '../shared/session'

export interface TabContext {
  api: Api
  session: Session
  meter: ApiMeter
}

export const ApiContext = createContext<TabContext | undefined>(undefined)

/** The tab's API client, session and request meter. */
export function useApi(): TabContext {
  const value = useContext(ApiContext)
  if (!value) throw new Error('No API found: render inside <ApiContext.Provider>.')
  return value
}
