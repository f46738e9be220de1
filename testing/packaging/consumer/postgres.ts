// The Postgres engine, wired as its README says.
import { postgresBus, postgresReplay, postgresTicketStore } from '@ssehub/postgres'
import { createHub, type Hub } from '@ssehub/server'
import pg from 'pg'

export function createPostgresHub(connectionString: string): Hub {
  const pool = new pg.Pool({ connectionString })
  return createHub({
    bus: postgresBus({ pool }),
    replay: postgresReplay({ pool }),
    tickets: postgresTicketStore({ pool }),
  })
}
