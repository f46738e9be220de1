import type { BusMessage } from '../events'
import type { Hub } from '../Hub'
import { HubError } from '../HubError'
import { progressData, progressKey, resourceTopics, toBusMessage } from './messages'

/** The hub's helper methods. */
export type PublishHelpers = Pick<
  Hub,
  'invalidate' | 'invalidateForTenant' | 'batch' | 'progress' | 'complete' | 'signal'
>

/**
 * The helpers of DESIGN §3 as messages for `publish`: each names its frame type, lane, topics and payload
 * shape once, here. Misuse rejects with a `HubError` before anything reaches the bus.
 */
export function createPublishHelpers(
  publish: (message: BusMessage) => Promise<string>,
  tenantKey: string,
): PublishHelpers {
  const helpers: PublishHelpers = {
    async invalidate(resource, { group, ...signal } = {}) {
      const topics = resourceTopics(resource, signal.id)
      return publish(toBusMessage({ type: 'invalidate', topics, data: { resource, ...signal }, group }))
    },

    async invalidateForTenant(tenantId, resource, signal = {}) {
      if (typeof tenantId !== 'string' || tenantId === '') {
        throw new HubError('bad_request', 'invalidateForTenant needs a non-empty tenant id')
      }
      return helpers.invalidate(resource, { ...signal, group: { [tenantKey]: tenantId } })
    },

    async batch(signals, { group } = {}) {
      if (!Array.isArray(signals) || signals.length === 0) {
        throw new HubError('bad_request', 'batch needs a non-empty array of signals')
      }
      const topics = signals.flatMap((signal) => resourceTopics(signal.resource, signal.id))
      return publish(toBusMessage({ type: 'batch', topics, data: signals, group }))
    },

    async progress(resource, id, { current, total, group }) {
      const topics = resourceTopics(resource, id)
      const data = { resource, id, ...progressData(current, total) }
      const coalesceKey = progressKey(resource, id)
      return publish(toBusMessage({ type: 'progress', topics, data, lane: 'coalesced', coalesceKey, group }))
    },

    async complete(resource, id, { status = 'completed', hint, group } = {}) {
      if (status !== 'completed' && status !== 'failed') {
        throw new HubError('bad_request', 'complete status must be "completed" or "failed"')
      }
      const topics = resourceTopics(resource, id)
      const data = hint === undefined ? { resource, id, status } : { resource, id, status, hint }
      // Sent instant, and it discards the pending progress of its key: a stale 97 % never lands after it.
      const supersedes = progressKey(resource, id)
      return publish(toBusMessage({ type: 'complete', topics, data, group }, { supersedes }))
    },

    async signal(topic, { group } = {}) {
      return publish(
        toBusMessage({ type: 'signal', topics: topic, data: { topic }, lane: 'coalesced', group }),
      )
    },
  }
  return helpers
}
