import path from 'node:path';
import type { DatabaseTarget } from '../db/connect';

/** The database of a command: DATABASE_URL, or the embedded PGlite data folder (default <app>/.tessera/data). */
export function databaseTarget(appDir: string, data: string | undefined): DatabaseTarget {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  return { dataDir: path.resolve(data ?? path.join(appDir, '.tessera', 'data')) };
}
