import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashPassword } from '../../src/auth/passwords';
import { insertUser } from '../../src/auth/users';
import { connect } from '../../src/db/connect';
import { BASELINE_TABLE } from '../seed';
import { spawnServer } from './spawn';
import type { Fixture, HttpRequest, HttpScenarioName, MeasuredTarget, TargetContext } from './target';

const ENTITY = 'account';
const USER = { email: 'bench@example.com', password: 'bench-password-not-secret' };

/** The fields of baseline_account (seed.ts); the system fields add id, version, created_at and the rest. */
const entity = {
  name: ENTITY,
  label: { en: 'Account' },
  fields: {
    name: { type: 'text', required: true, maxLength: 200 },
    email: { type: 'email', required: true },
    status: { type: 'picklist', required: true, options: ['new', 'active', 'won', 'lost'] },
    amount: { type: 'decimal', required: true, precision: 12, scale: 2 },
    // Hidden from the bench user by their role: every answer must leave it out (DESIGN.md §7, the permissions issue).
    creditLimit: { type: 'decimal', precision: 12, scale: 2 },
  },
  // The list filters on status and sorts newest first (created_at desc, id desc): the index seed.ts gives R0 and R1.
  indexes: [{ fields: ['status', 'createdAt', 'id'] }],
};

/** The bench user's role: their own accounts only (a row rule every request pays for), without the credit limit. */
const role = {
  name: 'sales_rep',
  label: { en: 'Sales rep' },
  permissions: [{ action: ['read', 'create', 'update'], subject: ENTITY, where: { ownerId: '$user.id' }, fields: { deny: ['creditLimit'] } }],
};

async function writeApp(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-'));
  await mkdir(path.join(dir, 'entities'));
  await mkdir(path.join(dir, 'roles'));
  await writeFile(path.join(dir, 'app.json'), JSON.stringify({ name: 'bench', version: '0.1.0' }));
  await writeFile(path.join(dir, 'entities', `${ENTITY}.json`), JSON.stringify(entity));
  await writeFile(path.join(dir, 'roles', 'sales_rep.json'), JSON.stringify(role));
  return dir;
}

/**
 * Adds the bench user (a sales rep, not an admin) and copies the seeded rows, ids included, owned by that user, so
 * the row rule keeps every row and the answers match R0's and R1's.
 */
async function prepare(databaseUrl: string): Promise<void> {
  const db = await connect({ url: databaseUrl });
  try {
    const passwordHash = await hashPassword(USER.password);
    const userId = await db.knex.transaction((trx) => insertUser(trx, { email: USER.email, name: 'Bench', passwordHash, active: true, roles: ['sales_rep'] }));
    await db.knex.raw(
      `insert into ${ENTITY} (id, version, name, email, status, amount, created_at, updated_at, owner_id)
       select id, version, name, email, status, amount, created_at, created_at, ? from ${BASELINE_TABLE}`,
      [userId],
    );
    await db.knex.raw(`vacuum analyze ${ENTITY}`);
  } finally {
    await db.close();
  }
}

async function login(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(USER),
  });
  if (!response.ok) throw new Error(`bench user login: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

async function start(context: TargetContext) {
  const appDir = await writeApp();
  const running = await spawnServer('tessera.js', context, { TESSERA_APP_DIR: appDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const stop = async () => {
    await running.stop();
    await rm(appDir, { recursive: true, force: true });
  };
  try {
    await prepare(context.databaseUrl);
    return { baseUrl: running.baseUrl, headers: { authorization: `Bearer ${await login(running.baseUrl)}` }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const LIST_QUERY = new URLSearchParams({ filter: JSON.stringify({ status: 'active', amount: { $gte: 100 } }), sort: '-createdAt', limit: '50' });

/** The requests of R0 and R1 (baselines.ts) through the records API: same ids, same list, same create body. */
const requests: Record<HttpScenarioName, (fixture: Fixture) => () => HttpRequest> = {
  get: ({ ids }) => () => ({ method: 'GET', path: `/api/records/${ENTITY}/${ids[Math.floor(Math.random() * ids.length)]}` }),
  list: () => () => ({ method: 'GET', path: `/api/records/${ENTITY}?${LIST_QUERY}` }),
  create: () => {
    let n = 0;
    return () => {
      n++;
      const body = JSON.stringify({ name: `Bench ${n}`, email: `bench${n}@example.com`, status: 'new', amount: n % 1000 });
      return { method: 'POST', path: `/api/records/${ENTITY}`, body, headers: { 'content-type': 'application/json' } };
    };
  },
};

/** Tessera's own server, started on a one-entity app and driven as a sales rep (a row rule, a hidden field) with a bearer token. */
export const tessera: MeasuredTarget = {
  name: 'tessera', label: 'Tessera', role: 'subject', requests, start,
  note: 'driven as a non-admin with a row rule (ownerId = $user.id) and a hidden field (creditLimit)',
};
