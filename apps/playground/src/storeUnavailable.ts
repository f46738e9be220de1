import type { Orders } from './orders'

/** The orders store could not be reached: nothing was read or saved. */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable'
}

/** `store` with every failure turned into a `StoreUnavailable`, which the app answers with a 503. */
export function guardStore(store: Orders): Orders {
  const guard =
    <Args extends unknown[], Result>(run: (...args: Args) => Result | Promise<Result>) =>
    async (...args: Args): Promise<Result> => {
      try {
        return await run(...args)
      } catch (error) {
        throw new StoreUnavailable((error as Error).message, { cause: error })
      }
    }
  return {
    list: guard((tenantId: string, limit?: number) => store.list(tenantId, limit)),
    get: guard((tenantId: string, id: string) => store.get(tenantId, id)),
    create: guard((tenantId: string, input: Parameters<Orders['create']>[1]) =>
      store.create(tenantId, input),
    ),
    setStatus: guard((tenantId: string, id: string, status: Parameters<Orders['setStatus']>[2]) =>
      store.setStatus(tenantId, id, status),
    ),
  }
}
