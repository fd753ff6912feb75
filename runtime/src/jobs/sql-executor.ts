import type { Knex } from 'knex';
import type PgBoss from 'pg-boss';

interface RawConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] } | Array<{ rows: unknown[] }>>;
}

/**
 * pg-boss's database adapter over knex: its SQL runs on a pooled connection, or on the caller's transaction when given
 * one (so a job is created in the same transaction as the change that schedules it). On PGlite this is the only safe
 * way in: the one session is knex's, and anything sent beside it would land inside whatever transaction is open.
 * pg-boss's SQL holds "?" characters, so it goes to the connection unchanged rather than through knex.raw.
 */
export function sqlExecutor(db: Knex | Knex.Transaction): PgBoss.Db {
  const client = db.client as { acquireConnection(): Promise<RawConnection>; releaseConnection(c: RawConnection): Promise<unknown> };
  return {
    executeSql: async (text, values) => {
      const connection = await client.acquireConnection();
      try {
        const result = await connection.query(text, values);
        // Several statements in one text answer one result each; pg-boss wants the last.
        return (Array.isArray(result) ? result.at(-1) : result) as { rows: unknown[] };
      } finally {
        await client.releaseConnection(connection);
      }
    },
  };
}
