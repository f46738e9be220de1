import type { CompleteData, InvalidationData, ProgressData } from '@ssehub/protocol'
import type { BusMessage } from '../events'
import type { Hub } from '../Hub'
import { HubError } from '../HubError'
import type { Audience } from './Audience'
import {
  buildBusMessage,
  describeValue,
  type PublishInput,
  progressData,
  progressKey,
  refuseUnknownFields,
  resourceTopics,
} from './messages'

const AUDIENCE_FIELDS = ['tenant', 'group'] as const
const INVALIDATION_FIELDS = ['id', 'action', 'hint'] as const
/** What each helper's options object may hold: anything else is a typo that could widen the audience. */
const OPTIONS = {
  invalidate: [...INVALIDATION_FIELDS, ...AUDIENCE_FIELDS],
  batch: AUDIENCE_FIELDS,
  progress: ['id', 'current', 'total', ...AUDIENCE_FIELDS],
  complete: ['id', 'status', 'hint', ...AUDIENCE_FIELDS],
  signal: AUDIENCE_FIELDS,
} as const

/** The hub's helper methods. */
export type PublishHelpers = Pick<Hub, 'invalidate' | 'batch' | 'progress' | 'complete' | 'signal'>

/**
 * The helpers of DESIGN §3 as messages for `publish`: each names its frame type, lane, topics and payload
 * shape once, here. All take `(subject, { …fields, …audience })`. Misuse rejects with a `HubError` before
 * anything reaches the bus.
 */
export function createPublishHelpers(
  publish: (message: BusMessage) => Promise<string>,
  tenantKey: string,
): PublishHelpers {
  const send = (input: PublishInput, supersedes?: string) =>
    publish(buildBusMessage(input, { tenantKey, supersedes }))

  return {
    async invalidate(resource, options = {}) {
      const { group, tenant, ...fields } = optionsObject('invalidate', options)
      const topics = resourceTopics(resource, fields.id)
      return send({ type: 'invalidate', topics, data: invalidation(resource, fields), group, tenant })
    },

    async batch(items, audience = {}) {
      if (!Array.isArray(items) || items.length === 0) {
        throw new HubError('bad_request', 'batch needs a non-empty array of invalidations')
      }
      const { group, tenant } = optionsObject('batch', audience)
      const data = items.map((item, index) => {
        if (item === null || typeof item !== 'object') {
          throw new HubError(
            'bad_request',
            `batch item ${index} must be an object, got ${describeValue(item)}`,
          )
        }
        // One frame has one audience: an item's own would be dropped and its event sent to everyone.
        for (const field of AUDIENCE_FIELDS) {
          if (field in item) {
            throw new HubError(
              'bad_request',
              `batch item ${index} has ${field}: give the audience as batch(items, { tenant, group })`,
            )
          }
        }
        refuseUnknownFields(`batch item ${index}`, item, ['resource', ...INVALIDATION_FIELDS])
        return invalidation(item.resource, item)
      })
      const topics = data.flatMap((item) => resourceTopics(item.resource, item.id))
      return send({ type: 'batch', topics, data, group, tenant })
    },

    async progress(resource, options) {
      const { id, current, total, group, tenant } = optionsObject('progress', options)
      if (id === undefined)
        throw new HubError('bad_request', 'progress needs an id: progress(resource, { id, current, total })')
      const topics = resourceTopics(resource, id)
      const data: ProgressData = { resource, id, ...progressData(current, total) }
      const coalesceKey = progressKey(resource, id)
      return send({ type: 'progress', topics, data, lane: 'coalesced', coalesceKey, group, tenant })
    },

    async complete(resource, options) {
      const { id, status = 'completed', hint, group, tenant } = optionsObject('complete', options)
      if (id === undefined)
        throw new HubError('bad_request', 'complete needs an id: complete(resource, { id, status })')
      if (status !== 'completed' && status !== 'failed') {
        throw new HubError(
          'bad_request',
          `complete status must be "completed" or "failed", got ${describeValue(status)}`,
        )
      }
      const topics = resourceTopics(resource, id)
      const data: CompleteData =
        hint === undefined ? { resource, id, status } : { resource, id, status, hint }
      // Sent instant, and it discards the pending progress of its key: a stale 97 % never lands after it.
      return send({ type: 'complete', topics, data, group, tenant }, progressKey(resource, id))
    },

    async signal(topic, audience = {}) {
      const { group, tenant } = optionsObject('signal', audience)
      // One topic: an array would pass for `publish`'s topics and end up in the data.
      const topics = resourceTopics(topic, undefined)
      return send({ type: 'signal', topics, data: { topic }, lane: 'coalesced', group, tenant })
    },
  }
}

/** The data of an `invalidate` (or a `batch` item): only the fields it has, `id` as the caller gave it. */
function invalidation(
  resource: string,
  { id, action, hint }: Omit<InvalidationData, 'resource'>,
): InvalidationData {
  if (action !== undefined && typeof action !== 'string') {
    throw new HubError('bad_request', `action must be a string, got ${describeValue(action)}`)
  }
  const data: InvalidationData = { resource }
  if (id !== undefined) data.id = id
  if (action !== undefined) data.action = action
  if (hint !== undefined) data.hint = hint
  return data
}

/**
 * The helper's second argument, refused precisely when it is not an object (an id passed positionally) or
 * has a field the helper does not know: a misspelt `tenantId` must not send a tenant's event to everyone.
 */
function optionsObject<Options extends Audience>(helper: keyof typeof OPTIONS, options: Options): Options {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new HubError(
      'bad_request',
      `${helper} takes an options object as its second argument, got ${describeValue(options)}`,
    )
  }
  refuseUnknownFields(`${helper}'s options`, options, OPTIONS[helper])
  return options
}
