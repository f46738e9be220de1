import { onScopeDispose, type Ref, shallowRef } from 'vue'
import type { ApiMeter, MeterReading } from '../shared/apiMeter'

/** The meter's reading as a ref: on every change, and every second for the ages (a local timer, no request). */
export function useMeterReading(meter: ApiMeter): Ref<MeterReading> {
  const reading = shallowRef(meter.read())
  const update = () => {
    reading.value = meter.read()
  }
  const unsubscribe = meter.subscribe(update)
  const timer = setInterval(update, 1000)
  onScopeDispose(() => {
    unsubscribe()
    clearInterval(timer)
  })
  return reading
}
