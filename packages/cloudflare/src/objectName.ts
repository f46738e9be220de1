/**
 * The header in which `hubRoute` tells the object which name it was routed by. The Worker sets it (over
 * any a client sent); the object reads it for `tenantPerObject`.
 */
export const OBJECT_NAME_HEADER = 'x-ssehub-object'
