import { createContext, useContext } from 'react'
import type { Api } from '../shared/api'
import type { Session } from '../shared/session'

export const ApiContext = createContext<{ api: Api; session: Session } | undefined>(undefined)

/** The tab's API client and session. */
export function useApi(): { api: Api; session: Session } {
  const value = useContext(ApiContext)
  if (!value) throw new Error('No API found: render inside <ApiContext.Provider>.')
  return value
}
