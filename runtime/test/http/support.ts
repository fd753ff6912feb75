import { createAppModel, type AppModel } from '@tessera/core';
import type { Express } from 'express';
import { ensureAuthTables } from '../../src/auth/auth-tables';
import { hashPassword } from '../../src/auth/passwords';
import { insertUser } from '../../src/auth/users';
import type { Database } from '../../src/db/connect';
import type { ServerOptions } from '../../src/http/context';
import type { PluginRegistry } from '../../src/plugins/plugin-registry';
import { createServer } from '../../src/http/server';
import { apply } from '../../src/migrator/apply';
import { ensureHistoryTable } from '../../src/records/history';
import { openTestDatabase } from '../support/databases';

/** The smallest app: only the system entities user and team. */
export const testApp: AppModel = createAppModel({ name: 'http-test', entities: [] });

/** A migrated test database with the auth tables, and a way to build servers on it. */
export interface HttpFixture {
  readonly t: Awaited<ReturnType<typeof openTestDatabase>>;
  server(options?: ServerOptions, plugins?: PluginRegistry): Express;
  addUser(user: { email: string; password: string; name?: string; active?: boolean; roles?: string[] }): Promise<string>;
}

/** Opens a database on an engine, migrates an app (the smallest by default) onto it and creates the runtime's tables. */
export async function openHttpFixture(engine: 'pglite' | 'postgres', app: AppModel = testApp): Promise<HttpFixture> {
  const t = await openTestDatabase(engine, { key: `http-${app.hash}`, run: (db) => migrateForHttp(db, app) });
  return {
    t,
    server: (options, plugins) => createServer({ app, db: t.db, ...(options ? { options } : {}), ...(plugins ? { plugins } : {}) }),
    addUser: async (user) => {
      const passwordHash = await hashPassword(user.password);
      return t.db.knex.transaction((trx) => insertUser(trx, {
        email: user.email, name: user.name ?? user.email, passwordHash, active: user.active ?? true, roles: user.roles ?? [],
      }));
    },
  };
}

async function migrateForHttp(db: Database, app: AppModel): Promise<void> {
  const result = await apply(db.knex, app);
  if (result.status !== 'applied') throw new Error(`migration ${result.status}`);
  await ensureAuthTables(db.knex);
  await ensureHistoryTable(db.knex);
}

/** The value of a cookie among Set-Cookie headers. */
export function cookieValue(setCookie: string[] | string | undefined, name: string): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = all.find((c) => c.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(';')[0];
}

/** The Set-Cookie line of a cookie. */
export function cookieLine(setCookie: string[] | string | undefined, name: string): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return all.find((c) => c.startsWith(`${name}=`));
}
