import type { ProtocolEvents } from '@ssehub/protocol'

/** Your event map (event name → data type) joined with the protocol's events, which are always typed. */
export type StreamEvents<Events extends object> = Omit<Events, keyof ProtocolEvents> & ProtocolEvents

/** What a handler gets beside the data. */
export interface EventMeta<Type extends string = string> {
  /** The event id, what a reconnect resumes from. */
  id: string | undefined
  /** The SSE `event:` name. */
  type: Type
}

/** A handler for events of `Type`. */
export type EventHandler<Events extends object, Type extends keyof StreamEvents<Events> & string> = (
  data: StreamEvents<Events>[Type],
  meta: EventMeta<Type>,
) => void
