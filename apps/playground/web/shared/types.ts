// The API's shapes, straight from the server code (types, and the dependency-free order statuses).
export type { ImportJob } from '../../src/imports'
export {
  MAX_ORDERS_PER_TENANT,
  ORDER_LIST_LIMIT,
  ORDER_STATUSES,
  type Order,
  type OrderStatus,
} from '../../src/orders'
export type { PlaygroundStats } from '../../src/stats'

/** A write's answer: what was saved, and a `notice` when the other tabs could not be told yet. */
export type Saved<T> = T & { notice?: string }
