import type { AppModel } from '@tessera/core';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { deliveryConfig } from '../../src/notifications';
import { createServer } from '../../src/http/server';
import type { PluginRegistry } from '../../src/plugins/plugin-registry';
import { ProcessRuntime } from '../../src/process/process-runtime';
import { openHttpFixture, type HttpFixture } from '../http/support';

export const PASSWORD = 'pa55-word!';

/** A user of a process test: its roles, and the keys of its manager and of its department. */
export interface TestUser {
  readonly roles: string[];
  readonly manager?: string;
  readonly locale?: 'en' | 'zh-CN';
}

/** A server with a process engine over a migrated test database, its users logged in, and a clock the test moves. */
export interface ProcessFixture {
  readonly f: HttpFixture;
  readonly runtime: ProcessRuntime;
  readonly server: Express;
  /** User ids by key. */
  readonly ids: Record<string, string>;
  /** Authorization headers by user key. */
  as(who: string): Record<string, string>;
  /** Moves the engine's clock (milliseconds from real time). */
  shift(ms: number): void;
  close(): Promise<void>;
}

/** Opens a process fixture: the app migrated, users created (managers set), each logged in; background work started when asked. */
export async function openProcessFixture(engine: 'pglite' | 'postgres', app: AppModel, users: Record<string, TestUser>, options: { background?: boolean; plugins?: PluginRegistry } = {}): Promise<ProcessFixture> {
  const f = await openHttpFixture(engine, app);
  let offset = 0;
  const runtime = await ProcessRuntime.create(app, f.t.db, silentLogger, { clock: () => new Date(Date.now() + offset), pollingSeconds: 0.5, delivery: testDelivery });
  if (options.background) await runtime.start();
  const server = createServer({ app, db: f.t.db, processes: runtime, ...(options.plugins ? { plugins: options.plugins } : {}) });
  const ids: Record<string, string> = {};
  for (const [key, u] of Object.entries(users)) ids[key] = await f.addUser({ email: `${key}@example.com`, password: PASSWORD, name: key, roles: u.roles });
  for (const [key, u] of Object.entries(users)) {
    const set = { ...(u.manager ? { manager: ids[u.manager] } : {}), ...(u.locale ? { locale: u.locale } : {}) };
    if (Object.keys(set).length) await f.t.db.knex('user').where('id', ids[key]).update(set);
  }
  const tokens: Record<string, string> = {};
  for (const key of Object.keys(users)) {
    tokens[key] = (await request(server).post('/api/auth/login').send({ email: `${key}@example.com`, password: PASSWORD }).expect(200)).body.token;
  }
  return {
    f, runtime, server, ids,
    as: (who) => ({ Authorization: `Bearer ${tokens[who]}` }),
    shift: (ms) => {
      offset = ms;
    },
    close: async () => {
      await runtime.stop();
      await f.t.close();
    },
  };
}

// E-mail off (no SMTP_URL): delivery itself is tested in test/notifications.
const testDelivery = deliveryConfig({});
const silentLogger = pino({ level: 'silent' });
