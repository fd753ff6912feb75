import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { connect, type Database } from '../../src/db/connect';
import { initdbTemplate } from '../../src/db/pglite-template';

/** A database a test file runs against, isolated from other test files. */
export interface TestDatabase {
  readonly name: 'pglite' | 'postgres';
  readonly db: Database;
}

/** The engines every database test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const testEngines = (): Array<'pglite' | 'postgres'> => (process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']);

/** What a test database is prepared with before a test file uses it, named so the prepared state can be reused. */
export interface Preparation {
  /** Equal keys mean equal preparations (an AppModel's hash, for instance). */
  readonly key: string;
  run(db: Database): Promise<void>;
}

/** Where this jest run keeps prepared PGlite clusters (made by the global setup, removed by its teardown). */
export const TEMPLATES_ENV = 'TESSERA_TEST_TEMPLATES';

/**
 * Opens an isolated database: an in-memory PGlite loaded from a template, or a schema of its own on the test
 * PostgreSQL (dropped by close), so test files can run in parallel against one cluster. With a preparation,
 * the first PGlite test file to need it prepares and dumps it; later files of the run load that migrated template.
 */
export async function openTestDatabase(engine: 'pglite' | 'postgres', preparation?: Preparation): Promise<TestDatabase & { url?: string; close(): Promise<void>; reopen(): Promise<Database> }> {
  if (engine === 'pglite') {
    const { db, pglite } = await openPglite(preparation);
    const close = async () => {
      await db.close();
      await pglite.close();
    };
    return { name: engine, db, close, reopen: () => Promise.reject(new Error('PGlite is one process: it has no second instance')) };
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
  await preparation?.run(db);
  return {
    name: engine,
    db,
    /** The schema's connection URL: what a CLI run in the test is given as DATABASE_URL. */
    url: withPath.toString(),
    /** Another connection pool on the same schema: what a second instance of the server would open. */
    reopen: () => connect({ url: withPath.toString() }),
    close: async () => {
      await db.knex.raw(`drop schema "${schema}" cascade; drop schema if exists "${schema}_jobs" cascade`);
      await db.close();
    },
  };
}

/** A PGlite prepared from this run's template of the preparation when there is one, else prepared now and dumped for the next file. */
async function openPglite(preparation?: Preparation): Promise<{ db: Database; pglite: PGlite }> {
  const dir = process.env[TEMPLATES_ENV];
  const file = preparation && dir ? path.join(dir, `${preparation.key}.tar`) : undefined;
  if (file && existsSync(file)) {
    const pglite = new PGlite({ loadDataDir: new Blob([new Uint8Array(await readFile(file))]) });
    return { db: await connect({ pglite }), pglite };
  }
  const pglite = new PGlite({ loadDataDir: await initdbTemplate() });
  const db = await connect({ pglite });
  if (!preparation) return { db, pglite };
  await preparation.run(db);
  if (file) {
    const dump = Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, dump);
    await rename(partial, file);
  }
  return { db, pglite };
}
