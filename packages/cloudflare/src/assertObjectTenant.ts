import { HubError } from '@ssehub/server'

/**
 * With `tenantPerObject`: refuses a principal or connection whose tenant (`metadata[tenantKey]`) is not
 * the object's name, 403 `wrong_tenant`; 500 when the request did not say which object it was routed to.
 */
export function assertObjectTenant(
  metadata: Readonly<Record<string, string>>,
  tenantKey: string,
  objectName: string | undefined,
): void {
  if (objectName === undefined) {
    throw new HubError(
      'internal',
      'tenantPerObject: the request did not name the object (route it with hubRoute)',
      {
        status: 500,
      },
    )
  }
  if (metadata[tenantKey] !== objectName) {
    throw new HubError('wrong_tenant', 'This hub serves another tenant', { status: 403 })
  }
}
