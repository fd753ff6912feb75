import { randomBytes } from 'node:crypto';
import { connect, type Database } from '../../src/db/connect';

/** A database a test file runs against, isolated from other test files. */
export interface TestDatabase {
  readonly name: 'pglite' | 'postgres';
  readonly db: Database;
}

/** The engines every database test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const testEngines = (): Array<'pglite' | 'postgres'> => (process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']);

/**
 * Opens an isolated database: a fresh in-memory PGlite, or a schema of its own on the test PostgreSQL
 * (dropped by close), so test files can run in parallel against one cluster.
 */
export async function openTestDatabase(engine: 'pglite' | 'postgres'): Promise<TestDatabase & { url?: string; close(): Promise<void>; reopen(): Promise<Database> }> {
  if (engine === 'pglite') {
    const db = await connect({ dataDir: 'memory://' });
    return { name: engine, db, close: () => db.close(), reopen: () => Promise.reject(new Error('PGlite is one process: it has no second instance')) };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = await connect({ url });
  await admin.knex.raw(`create schema "${schema}"`);
  await admin.close();
  const withPath = new URL(url);
  withPath.searchParams.set('options', `-c search_path=${schema}`);
  const db = await connect({ url: withPath.toString() });
  return {
    name: engine,
    db,
    /** The schema's connection URL: what a CLI run in the test is given as DATABASE_URL. */
    url: withPath.toString(),
    /** Another connection pool on the same schema: what a second instance of the server would open. */
    reopen: () => connect({ url: withPath.toString() }),
    close: async () => {
      await db.knex.raw(`drop schema "${schema}" cascade`);
      await db.close();
    },
  };
}
