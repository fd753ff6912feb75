import { mkdir } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import { types } from 'pg';

/** An open database: knex over the stock pg client, on PostgreSQL or on embedded PGlite. */
export interface Database {
  readonly knex: Knex;
  readonly kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/** Where to connect: a PostgreSQL URL, or a PGlite data folder ('memory://' for a throwaway one). */
export type DatabaseTarget = { readonly url: string } | { readonly dataDir: string } | { readonly pglite: PGlite };

// A DATE is a calendar day: keep it as 'YYYY-MM-DD' text instead of a JS Date shifted into the server's time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** How long one statement may run before PostgreSQL cancels it (57014, answered as 503); PGlite cannot interrupt one. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/** Opens a database with one code path for both engines: knex's pg client, PGlite through its node-postgres shim. */
export async function connect(target: DatabaseTarget, options: { statementTimeoutMs?: number } = {}): Promise<Database> {
  if ('url' in target) {
    const timeout = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    const knex = knexFactory({
      client: 'pg',
      connection: { connectionString: target.url, statement_timeout: timeout },
      pool: { min: 0, max: 10 },
    });
    return { knex, kind: 'postgres', close: () => knex.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  if ('dataDir' in target && !target.dataDir.includes('://')) await mkdir(target.dataDir, { recursive: true });
  const pglite = 'pglite' in target ? target.pglite : new PGlite(target.dataDir);
  await pglite.waitReady;
  const knex = knexFactory({
    client: 'pg',
    // The shim is typed against the ESM build of PGlite; this is the same class loaded through require.
    connection: () => createPgConfig(pglite as never) as unknown as Knex.PgConnectionConfig,
    // PGlite is a single session: one connection, and fail fast rather than wait 60 s on a self-deadlock.
    pool: { min: 0, max: 1 },
    acquireConnectionTimeout: 5000,
  });
  return {
    knex,
    kind: 'pglite',
    close: async () => {
      await knex.destroy();
      if (!('pglite' in target)) await pglite.close();
    },
  };
}
