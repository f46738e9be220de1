import { acquireEventStream, type EventStream, type EventStreamOptions } from '@ssehub/client'
import type { App } from 'vue'
import { eventStreamKey } from './eventStreamKey'

/** Options of the {@link EventStreamPlugin}: a stream you own, or the options to open one. */
export type EventStreamPluginOptions<Events extends object = Record<never, never>> =
  | {
      /** A stream you created and close yourself. */
      stream: EventStream<Events>
      options?: never
    }
  | {
      /**
       * Options to open the stream with, in the browser only; it closes when the app unmounts. Streams for
       * the same url and topics are shared across the page (with composables given them too).
       */
      options: EventStreamOptions
      stream?: never
    }

/**
 * The Vue plugin that makes one event stream available to `useInvalidationStream`, `useProgress`,
 * `useStreamStatus` and `useEventStream` in every component of the app (named as `VueQueryPlugin` is).
 *
 * @example
 * app.use(VueQueryPlugin).use(EventStreamPlugin, { options: { url: '/events', topics: ['orders'] } })
 */
export const EventStreamPlugin = {
  /** Called by `app.use(EventStreamPlugin, options)`: provides the stream, and lets go of one it opened on unmount. */
  install<Events extends object>(app: App, pluginOptions: EventStreamPluginOptions<Events>) {
    if (pluginOptions.stream) {
      app.provide(eventStreamKey, { stream: pluginOptions.stream as EventStream })
      return
    }
    // A server render must not connect: there the composables see no stream and report `connecting`.
    if (typeof window === 'undefined') {
      app.provide(eventStreamKey, { stream: undefined })
      return
    }
    // The page's shared stream, as React's provider holds it: a composable given the same url and topics
    // (or another app) uses this connection instead of opening a second.
    const lease = acquireEventStream(pluginOptions.options)
    app.provide(eventStreamKey, { stream: lease.stream })
    const unmount = app.unmount.bind(app)
    app.unmount = function unmountAndRelease() {
      unmount()
      lease.release()
    }
  },
}
