/** The names of the engine's tables, quoted, optionally in a schema of their own. */
export interface Tables {
  schema: string | undefined
  streams: string
  events: string
  tickets: string
}

/** Quotes an SQL identifier (`"..."`, inner quotes doubled). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** `ssehub_streams`, `ssehub_events` and `ssehub_tickets`, in `schema` when one is given (else on the search path). */
export function tablesIn(schema?: string): Tables {
  const qualify = (table: string) => (schema === undefined ? table : `${quoteIdentifier(schema)}.${table}`)
  return {
    schema,
    streams: qualify('ssehub_streams'),
    events: qualify('ssehub_events'),
    tickets: qualify('ssehub_tickets'),
  }
}
