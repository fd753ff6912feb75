import path from 'node:path';
import type { Knex } from 'knex';
import { connect } from '../../src/db/connect';
import { openTestDatabase } from './databases';

/** The database a CLI run uses (PGlite in --data DIR, or a PostgreSQL schema as DATABASE_URL) and a way to read it. */
export interface Target {
  readonly args: string[];
  query<T>(read: (knex: Knex) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Opens the engine's database for CLI runs. */
export async function openTarget(engine: 'pglite' | 'postgres', dir: string): Promise<Target> {
  if (engine === 'pglite') {
    delete process.env.DATABASE_URL;
    const dataDir = path.join(dir, 'db');
    const query = async <T>(read: (knex: Knex) => Promise<T>) => {
      const db = await connect({ dataDir });
      try {
        return await read(db.knex);
      } finally {
        await db.close();
      }
    };
    return { args: ['--data', dataDir], query, close: async () => undefined };
  }
  const test = await openTestDatabase('postgres');
  process.env.DATABASE_URL = test.url;
  return { args: [], query: (read) => read(test.db.knex), close: () => test.close() };
}
