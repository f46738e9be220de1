import { useEffect } from 'react'
import { type Middleware, unstable_serialize } from 'swr'
import type { ApiMeter } from '../shared/apiMeter'

/** An SWR middleware that tells the meter which keys are on screen, and when their data changed. */
export function meterSWRKeys(meter: ApiMeter): Middleware {
  return (useSWRNext) =>
    function useMeteredSWR(key, fetcher, config) {
      const name = `swr:${unstable_serialize(key)}`
      const swr = useSWRNext(key, fetcher, config)
      useEffect(() => {
        meter.shown(name)
        return () => meter.hidden(name)
      }, [name])
      useEffect(() => {
        if (swr.data !== undefined) meter.dataUpdated(name, Date.now())
      }, [name, swr.data])
      return swr
    }
}
