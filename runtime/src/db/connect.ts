import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import { valueKinds } from '@tessera/core';
import { Client, types } from 'pg';
import { initdbTemplate } from './pglite-template';
import { INVALIDATION_CHANNEL, Invalidations, topicsOf, type Listen } from './invalidations';

/** An open database: knex over the stock pg client, on PostgreSQL or on embedded PGlite. */
export interface Database {
  readonly knex: Knex;
  readonly kind: 'postgres' | 'pglite';
  /** Statements sent since the database was opened (BEGIN and COMMIT included): for tests and metrics. */
  readonly stats: StatementStats;
  /** Cache invalidations heard from every instance (LISTEN/NOTIFY). */
  readonly invalidations: Invalidations;
  close(): Promise<void>;
}

/** A running count of the statements sent on every connection of a database. */
export interface StatementStats {
  statements: number;
}

type Connection = { query: (...args: unknown[]) => unknown };

/** A pool hook that counts each statement a new connection sends, whoever sends it (knex or a prepared run). */
const counting = (stats: StatementStats) => (connection: Connection, done: (error: Error | null, c: Connection) => void) => {
  const query = connection.query.bind(connection);
  connection.query = (...args: unknown[]) => {
    stats.statements++;
    return query(...args);
  };
  done(null, connection);
};

/** Where to connect: a PostgreSQL URL, or a PGlite data folder ('memory://' for a throwaway one). */
export type DatabaseTarget = { readonly url: string } | { readonly dataDir: string } | { readonly pglite: PGlite };

// A DATE is a calendar day: keep it as 'YYYY-MM-DD' text instead of a JS Date shifted into the server's time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);
// An instant is ISO 8601 UTC text everywhere in the runtime, as the API shows it: read straight from PostgreSQL's text
// (without a Date in between, which costs more than the query on a page of records).
types.setTypeParser(types.builtins.TIMESTAMPTZ, (value: string) => valueKinds.datetime.normalize(value));

/** How long one statement may run before PostgreSQL cancels it (57014, answered as 503); PGlite cannot interrupt one. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/** Opens a database with one code path for both engines: knex's pg client, PGlite through its node-postgres shim. */
export async function connect(target: DatabaseTarget, options: { statementTimeoutMs?: number } = {}): Promise<Database> {
  const stats: StatementStats = { statements: 0 };
  if ('url' in target) {
    const timeout = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    const knex = knexFactory({
      client: 'pg',
      connection: { connectionString: utcSession(target.url), statement_timeout: timeout },
      pool: { min: 0, max: 10, afterCreate: counting(stats) },
    });
    const invalidations = new Invalidations(pgListen(target.url));
    return {
      knex, kind: 'postgres', stats, invalidations,
      close: async () => {
        await invalidations.close();
        await knex.destroy();
      },
    };
  }
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const pglite = 'pglite' in target ? target.pglite : await openPglite(target.dataDir);
  await pglite.waitReady;
  const knex = knexFactory({
    client: 'pg',
    // The shim is typed against the ESM build of PGlite; this is the same class loaded through require.
    connection: () => createPgConfig(pglite as never) as unknown as Knex.PgConnectionConfig,
    // PGlite is a single session: one connection, and fail fast rather than wait 60 s on a self-deadlock.
    pool: { min: 0, max: 1, afterCreate: counting(stats) },
    acquireConnectionTimeout: 5000,
  });
  const invalidations = new Invalidations(async (onTopic) => {
    // Through the pool: PGlite is one session, and a query of its own here could interleave with knex's.
    const [{ schema }] = (await knex.raw('select current_schema() as schema')).rows as [{ schema: string }];
    return pglite.listen(INVALIDATION_CHANNEL, topicsOf(schema, onTopic));
  });
  return {
    knex,
    kind: 'pglite',
    stats,
    invalidations,
    close: async () => {
      await invalidations.close();
      await knex.destroy();
      if (!('pglite' in target)) await pglite.close();
    },
  };
}

/**
 * The URL with the session's time zone set to UTC (added to the options it carries), unless it sets one itself:
 * PostgreSQL then writes instants as the API shows them, and the type parser reads them without date arithmetic.
 */
function utcSession(url: string): string {
  const parsed = new URL(url);
  const options = parsed.searchParams.get('options') ?? '';
  if (/timezone/i.test(options)) return url;
  parsed.searchParams.set('options', `${options} -c TimeZone=UTC`.trim());
  return parsed.toString();
}

/** Opens a PGlite data folder; a new one starts from the cached initdb tarball instead of running initdb. */
async function openPglite(dataDir: string) {
  const { PGlite } = await import('@electric-sql/pglite');
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  const fresh = inMemory || !existsSync(path.join(dataDir, 'PG_VERSION'));
  return new PGlite({ dataDir, ...(fresh ? { loadDataDir: await initdbTemplate() } : {}) });
}

/** Listens on its own connection (outside the pool, which would hand it to queries). */
const pgListen = (url: string): Listen => async (onTopic, onLost) => {
  const client = new Client({ connectionString: url });
  let heard = (_payload: string) => {};
  client.on('notification', (message) => {
    if (message.channel === INVALIDATION_CHANNEL) heard(message.payload ?? '');
  });
  client.on('error', onLost);
  client.on('end', onLost);
  await client.connect();
  const [{ schema }] = (await client.query<{ schema: string }>('select current_schema() as schema')).rows as [{ schema: string }];
  heard = topicsOf(schema, onTopic);
  await client.query(`listen ${INVALIDATION_CHANNEL}`);
  return async () => {
    client.off('end', onLost);
    client.off('error', onLost);
    await client.end();
  };
};
