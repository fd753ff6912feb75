import { rm } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { hashPassword } from '../../src/auth/passwords';
import { insertUser } from '../../src/auth/users';
import { connect, type Database } from '../../src/db/connect';
import type { BenchOptions } from '../options';
import { startPgCluster } from '../pg-cluster';
import { spawnServer } from '../targets/spawn';
import { onTeardown } from '../teardown';
import { SEARCH_ROLE, writeSearchApp } from './app';
import { seedRecords, type SearchRows } from './seed';
import { countMatches, type Matches, type SearchedTable } from './selectivity';

/** The queries measured: a Chinese character (a prefix of pairs), a pair and a longer run (its pattern checked), a Latin prefix and two words. */
const QUERIES = [
  { label: 'Chinese character', q: '糖' },
  { label: 'Chinese pair', q: '糖酒' },
  { label: 'Chinese run of 4', q: '糖酒集团' },
  { label: 'Latin prefix', q: 'acme' },
  { label: 'Latin words', q: 'acme trad' },
];

/** DESIGN.md §7's search budget: the p95 of one search through the HTTP API. */
const P95_BUDGET_MS = 50;
// The records are owned in turn by this many users; the bench user reads their own share of them only.
const OWNERS = 20;
const PASSWORD = 'bench-password-not-secret';

const TABLES: readonly SearchedTable[] = [
  { table: 'account', columns: ['name', 'email', 'notes'], visible: ['name', 'email'] },
  { table: 'contact', columns: ['name', 'email', 'phone'], visible: ['name', 'email', 'phone'] },
];

/** One query's figures: every latency measured (ms), how many hits it answered and how many rows it matches. */
export interface SearchQueryResult {
  readonly label: string;
  readonly q: string;
  readonly latencies: readonly number[];
  readonly hits: number;
  readonly matches: Matches;
}

/** What the search bench measured, and the budget the p95s are held to. */
export interface SearchResult {
  readonly rows: SearchRows;
  readonly queries: readonly SearchQueryResult[];
  readonly p95BudgetMs: number;
  /** Answers other than 200 with hits: a search that fails or finds nothing is broken, not slow. */
  readonly failures: readonly string[];
  readonly load: { readonly average: number; readonly cores: number };
}

const log = (line: string) => process.stderr.write(`bench: search: ${line}\n`);

/** Adds the owners of the records (none an administrator) and logs in the first, who searches. */
async function addOwners(db: Database, baseUrl: string): Promise<{ ids: string[]; token: string }> {
  const passwordHash = await hashPassword(PASSWORD);
  const ids: string[] = [];
  for (let i = 0; i < OWNERS; i++) {
    ids.push(await db.knex.transaction((trx) => insertUser(trx, { email: `rep${i}@example.com`, name: `rep${i}`, passwordHash, active: true, roles: [SEARCH_ROLE] })));
  }
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'rep0@example.com', password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
  return { ids, token: ((await response.json()) as { token: string }).token };
}

/** Sends one search and answers its latency and number of hits, or throws on an answer other than 200. */
async function searchOnce(baseUrl: string, token: string, q: string): Promise<{ ms: number; hits: number }> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/search?${new URLSearchParams({ q, limit: '20' })}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { data?: unknown[] };
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${q}: ${response.status} ${JSON.stringify(body)}`);
  return { ms, hits: body.data?.length ?? 0 };
}

/**
 * The search budget: on a throwaway PostgreSQL, Tessera's server on the bench app, 1,000,000 records (600k accounts,
 * 400k contacts; --smoke: 20,000) with Chinese and Latin names loaded in SQL, then each query sent one at a time as a
 * non-administrator whose row rule keeps their own rows and whose field rule hides a searchable field.
 */
export async function runSearch(options: BenchOptions): Promise<SearchResult> {
  const rows: SearchRows = options.smoke ? { accounts: 12_000, contacts: 8_000 } : { accounts: 600_000, contacts: 400_000 };
  const requests = options.smoke ? 50 : 300;
  const cluster = await startPgCluster();
  log(`${cluster.version} on ${cluster.url}`);
  const appDir = await writeSearchApp();
  onTeardown(() => rm(appDir, { recursive: true, force: true }));
  const server = await spawnServer('tessera.js', { databaseUrl: cluster.url, fixture: { rows: 0, ids: [] } }, {
    TESSERA_APP_DIR: appDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  onTeardown(() => server.stop());
  const db = await connect({ url: cluster.url });
  try {
    const owners = await addOwners(db, server.baseUrl);
    const seededAt = performance.now();
    await seedRecords(db, owners.ids, rows);
    log(`${rows.accounts + rows.contacts} records loaded and indexed in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`);
    const load = { average: loadavg()[0]!, cores: availableParallelism() };
    const queries: SearchQueryResult[] = [];
    const failures: string[] = [];
    for (const { label, q } of QUERIES) {
      const matches = await countMatches(db, TABLES, owners.ids[0]!, q);
      const latencies: number[] = [];
      let hits = 0;
      try {
        for (let i = 0; i < 20; i++) await searchOnce(server.baseUrl, owners.token, q);
        for (let i = 0; i < requests; i++) {
          const one = await searchOnce(server.baseUrl, owners.token, q);
          latencies.push(one.ms);
          hits = one.hits;
        }
        if (!hits && matches.mine) failures.push(`${q}: no hits, though ${matches.mine} rows of the user match`);
      } catch (error) {
        failures.push((error as Error).message);
      }
      log(`${label} "${q}": ${requests} requests, ${matches.all} matches (${matches.mine} the user's)`);
      queries.push({ label, q, latencies, hits, matches });
    }
    return { rows, queries, p95BudgetMs: P95_BUDGET_MS, failures, load };
  } finally {
    await db.close();
    await server.stop();
  }
}
