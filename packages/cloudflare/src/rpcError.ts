import { HubError } from '@ssehub/server'

/** How a `HubError` travels in an RPC error's message: RPC keeps an error's message, not its class. */
const TAG = /\[ssehub:([\w-]+):(\d{3}):(\d*)\] ([\s\S]*)$/

/** The error a `HubObject` RPC method throws for a `HubError`: its code, status and message in the message. */
export function toRpcError(error: HubError): Error {
  return new Error(`[ssehub:${error.code}:${error.status}:${error.retryAfterSec ?? ''}] ${error.message}`)
}

/**
 * The `HubError` a `HubObject` RPC call failed with (`publish` refusing a reserved type, an event too
 * large, a draining hub…), rebuilt on the calling side; `undefined` for any other error.
 *
 * @example
 * try {
 *   await hubStub(env.EVENT_HUB).publish(input)
 * } catch (error) {
 *   const refused = hubErrorFromRpc(error)
 *   if (refused) return refused.getResponse()
 *   throw error
 * }
 */
export function hubErrorFromRpc(error: unknown): HubError | undefined {
  if (error instanceof HubError) return error
  const match = error instanceof Error ? TAG.exec(error.message) : null
  if (!match) return undefined
  const [, code, status, retryAfterSec, message] = match
  return new HubError(code!, message!, {
    status: Number(status),
    retryAfterSec: retryAfterSec ? Number(retryAfterSec) : undefined,
    cause: error,
  })
}
