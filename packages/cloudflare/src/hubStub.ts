/** The default object name: one object holds the hub. */
export const DEFAULT_OBJECT_NAME = 'default'

/**
 * The stub of the hub object named `name` in `namespace` (of a `HubObject` subclass), for publishing
 * through RPC from any Worker, queue consumer, cron or other object that has the binding.
 *
 * @example
 * await hubStub(env.EVENT_HUB).invalidate('orders', { id: 'ord_1', action: 'updated' })
 * await hubStub(env.EVENT_HUB, tenantId).progress('imports', { id: importId, current, total })
 */
export function hubStub<Object extends Rpc.DurableObjectBranded>(
  namespace: DurableObjectNamespace<Object>,
  name: string = DEFAULT_OBJECT_NAME,
): DurableObjectStub<Object> {
  return namespace.get(namespace.idFromName(name))
}
