import { rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { ADMIN_ROLE, parseAggregateQuery, permissionsFor, type ImportOptions, type Permissions } from '@tessera/core';
import { connect, type Database } from '../../src/db/connect';
import { importRecords } from '../../src/data/import';
import { apply } from '../../src/migrator/apply';
import type { RecordContext } from '../../src/records/operations';
import { aggregate } from '../../src/records/aggregate-sql';
import { ensureHistoryTable } from '../../src/records/history';
import { ensureSharesTable } from '../../src/sharing/shares-table';
import { readScopeOf } from '../../src/records/scope';
import type { BenchOptions } from '../options';
import { startPgCluster } from '../pg-cluster';
import { onTeardown } from '../teardown';
import { dataBenchApp, REP_ROLE } from './app';
import { writeAccountsCsv } from './csv-file';

/** What the data bench measured. */
export interface DataResult {
  readonly lines: number;
  readonly importSeconds: number;
  readonly upsertSeconds: number;
  readonly importBudgetSeconds: number;
  readonly aggregateRows: number;
  readonly groups: number;
  /** Milliseconds of each measured aggregate, as an administrator and as a rep under a row rule. */
  readonly aggregateMs: { readonly admin: readonly number[]; readonly rep: readonly number[] };
  readonly broken: readonly string[];
  readonly load: { readonly average: number; readonly cores: number };
}

/** DESIGN.md §7: a CSV import of 100,000 records. */
const IMPORT_BUDGET_SECONDS = 15;
const REPS = 20;
const AGGREGATE = 'groupBy=stage,closeDate:month&measures=count,sum:amount';
const log = (line: string) => process.stderr.write(`bench: data: ${line}\n`);

const contextOf = (db: Database, permissions: Permissions, userId: string | null): RecordContext => {
  const now = new Date();
  return { db: db.knex, app: dataBenchApp, permissions, userId, locale: 'en', values: { now, today: now.toISOString().slice(0, 10), ...(userId ? { user: { id: userId, teamIds: [], subordinateIds: [] } } : {}) } };
};

/** Times one import of the file; answers the seconds and the report. */
async function timedImport(ctx: RecordContext, file: string, options: Partial<ImportOptions>) {
  const started = performance.now();
  const report = await importRecords({ ctx, entity: dataBenchApp.entities.account!, file, options: { format: 'csv', mode: 'insert', key: ['id'], onError: 'rollback', mapping: {}, ...options } });
  return { seconds: (performance.now() - started) / 1000, report };
}

/** Loads opportunities in SQL (unmeasured): owned in turn by the reps, on the imported accounts, over four years of close dates. */
async function seedOpportunities(db: Database, rows: number): Promise<string[]> {
  const reps = await db.knex('user').insert(Array.from({ length: REPS }, (_v, i) => ({ email: `rep${i}@example.com`, name: `rep${i}`, active: true }))).returning('id') as Array<{ id: string }>;
  await db.knex.raw(`
    with a as (select array_agg(id) as ids from (select id from account order by code limit 1000) s), u as (select ? ::uuid[] as ids)
    insert into opportunity (name, account, stage, amount, close_date, owner_id)
    select 'Opportunity ' || i, a.ids[1 + i % 1000],
      (array['prospecting','qualification','proposal','negotiation','won','lost'])[1 + i % 6],
      (i::bigint * 7919 % 1000000) / 100.0, date '2024-01-01' + (i % 1461), u.ids[1 + i % ${REPS}]
    from generate_series(1, ?) i, a, u`, [reps.map((r) => r.id), rows]);
  await db.knex.raw('analyze opportunity');
  return reps.map((r) => r.id);
}

/** Runs the aggregate once as a warm-up, then `times` times, answering each time in ms and the groups. */
async function timedAggregates(ctx: RecordContext, times: number): Promise<{ ms: number[]; groups: number }> {
  const model = ctx.permissions.model;
  const parsed = parseAggregateQuery(model, 'opportunity', new URLSearchParams(AGGREGATE));
  if (!parsed.ok) throw new Error(`aggregate query: ${JSON.stringify(parsed.issues)}`);
  const options = { values: ctx.values, scopeOf: readScopeOf(ctx) };
  const ms: number[] = [];
  let groups = 0;
  for (let i = 0; i <= times; i++) {
    const started = performance.now();
    groups = (await aggregate(ctx.db, model, parsed.query, options)).data.length;
    if (i) ms.push(performance.now() - started);
  }
  return { ms, groups };
}

/**
 * The data budgets on a throwaway PostgreSQL, in process (no HTTP in between): import a CSV of 100,000 accounts
 * (--smoke: 5,000) as the API's import does, all or nothing, then again as an upsert by code that must change
 * nothing; then 1,000,000 opportunities (--smoke: 50,000) aggregated by stage and close month.
 */
export async function runDataBench(options: BenchOptions): Promise<DataResult> {
  const lines = options.smoke ? 5_000 : 100_000;
  const aggregateRows = options.smoke ? 50_000 : 1_000_000;
  const cluster = await startPgCluster();
  log(`${cluster.version} on ${cluster.url}`);
  const db = await connect({ url: cluster.url });
  onTeardown(() => db.close());
  const applied = await apply(db.knex, dataBenchApp);
  if (applied.status !== 'applied') throw new Error(`migration ${applied.status}`);
  await ensureHistoryTable(db.knex);
  await db.knex.transaction((trx) => ensureSharesTable(trx));
  const file = path.join(tmpdir(), `tessera-bench-accounts-${process.pid}.csv`);
  onTeardown(() => rm(file, { force: true }));
  await writeAccountsCsv(file, lines);
  const admin = contextOf(db, permissionsFor(dataBenchApp, [ADMIN_ROLE]), null);
  const load = { average: loadavg()[0] ?? 0, cores: availableParallelism() };
  log(`importing ${lines} lines`);
  const first = await timedImport(admin, file, {});
  log(`imported in ${first.seconds.toFixed(2)} s; importing again as an upsert`);
  const again = await timedImport(admin, file, { mode: 'upsert', key: ['code'] });
  const stored = Number((await db.knex('account').count({ n: '*' }))[0]!.n);
  const audited = Number((await db.knex('tessera_history').where({ entity: 'account' }).count({ n: '*' }))[0]!.n);
  const broken = [
    ...(first.report.inserted === lines && first.report.failed === 0 ? [] : [`the import wrote ${first.report.inserted} of ${lines} lines (${first.report.failed} refused)`]),
    ...(again.report.unchanged === lines ? [] : [`the upsert found ${again.report.unchanged} of ${lines} lines unchanged`]),
    ...(stored === lines && audited === lines ? [] : [`${stored} accounts stored and ${audited} history rows for ${lines} lines`]),
  ];
  log(`seeding ${aggregateRows} opportunities`);
  const reps = await seedOpportunities(db, aggregateRows);
  const asAdmin = await timedAggregates(admin, 5);
  const asRep = await timedAggregates(contextOf(db, permissionsFor(dataBenchApp, [REP_ROLE]), reps[0]!), 5);
  return {
    lines, importSeconds: first.seconds, upsertSeconds: again.seconds, importBudgetSeconds: IMPORT_BUDGET_SECONDS,
    aggregateRows, groups: asAdmin.groups, aggregateMs: { admin: asAdmin.ms, rep: asRep.ms }, broken, load,
  };
}
