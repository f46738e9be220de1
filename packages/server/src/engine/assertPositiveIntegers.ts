import { HubError } from '../HubError'

/** For engines and stores checking their options: throws `invalid_option` (status 500) naming the first of `values` that is not a positive safe integer. */
export function assertPositiveIntegers(owner: string, values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new HubError('invalid_option', `${owner}: ${name} must be a positive integer`, { status: 500 })
    }
  }
}
