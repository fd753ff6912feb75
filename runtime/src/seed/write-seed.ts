import type { Knex } from 'knex';
import { insertWithHooks, type RecordContext } from '../records/operations';
import { ensureHistoryTable } from '../records/history';
import type { PreparedSeed, SeedContext } from './plan-seed';
import { seedReferences } from './seed-order';
import { seedProblem, type SeedProblem } from './seed-problem';

/** What seeding did to one entity. */
export interface SeedCount {
  readonly entity: string;
  readonly created: number;
  readonly skipped: number;
}

/** The outcome of writing seed data: the counts per entity, or the problems that rolled everything back. */
export type SeedResult = { readonly ok: true; readonly counts: readonly SeedCount[] } | { readonly ok: false; readonly problems: readonly SeedProblem[] };

/**
 * Writes prepared seed records (in their insertion order) in one transaction: records whose id exists are skipped, so
 * seeding twice creates nothing twice; references outside the seed must exist; each insert writes its history row as
 * the API does, and the context's hooks run after it. Any problem rolls back the whole seed.
 */
export async function writeSeed(ctx: SeedContext, records: readonly PreparedSeed[]): Promise<SeedResult> {
  const trx = await ctx.db.transaction();
  try {
    // Two seeds started together would both find a record missing and both insert it.
    await trx.raw(`select pg_advisory_xact_lock(hashtext('tessera.seed:' || current_schema()))`);
    await ensureHistoryTable(trx);
    const existing = await existingIds(trx, ctx, records.map((r) => ({ entity: r.entity, id: r.id })));
    const problems = await missingReferences(trx, ctx, records);
    const counts = new Map(records.map((r) => [r.entity, { entity: r.entity, created: 0, skipped: 0 }]));
    for (const record of problems.length ? [] : records) {
      const count = counts.get(record.entity)!;
      if (existing.has(`${record.entity}\0${record.id}`)) count.skipped++;
      else if (await inserted(trx, ctx, record, problems)) count.created++;
      else break;
    }
    await (problems.length ? trx.rollback() : trx.commit());
    return problems.length ? { ok: false, problems } : { ok: true, counts: [...counts.values()] };
  } catch (error) {
    if (!trx.isCompleted()) await trx.rollback();
    throw error;
  }
}

/** The ids among the given ones that exist, as "entity\0id" keys: one query per entity. */
async function existingIds(trx: Knex.Transaction, ctx: RecordContext, refs: ReadonlyArray<{ entity: string; id: string }>): Promise<Set<string>> {
  const byEntity = new Map<string, Set<string>>();
  for (const { entity, id } of refs) byEntity.set(entity, (byEntity.get(entity) ?? new Set()).add(id));
  const found = new Set<string>();
  for (const [entity, ids] of byEntity) {
    const rows = await trx(ctx.app.entities[entity]!.table).select('id').whereIn('id', [...ids]) as Array<{ id: string }>;
    for (const row of rows) found.add(`${entity}\0${row.id}`);
  }
  return found;
}

/** Each reference to a record that is neither in the seed nor in the database, at the field that makes it. */
async function missingReferences(trx: Knex.Transaction, ctx: SeedContext, records: readonly PreparedSeed[]): Promise<SeedProblem[]> {
  const seeded = new Set(records.map((r) => `${r.entity}\0${r.id}`));
  const outside = records.flatMap((record) => seedReferences(ctx.app, record)
    .filter((ref) => !seeded.has(`${ref.entity}\0${ref.id}`))
    .map((ref) => ({ record, ref })));
  const found = await existingIds(trx, ctx, outside.map((o) => o.ref));
  return outside.filter(({ ref }) => !found.has(`${ref.entity}\0${ref.id}`)).map(({ record, ref }) =>
    seedProblem('seed.reference', { file: record.file, path: `/records/${record.index}/${ref.field}` }, ctx.locale, { entity: ref.entity, id: ref.id }));
}

/**
 * Inserts one record; a unique constraint that refuses it becomes a problem (with PostgreSQL's detail: this is a local
 * command, not an HTTP answer) and ends the seed, since the transaction cannot go on after a failed statement.
 */
async function inserted(trx: Knex.Transaction, ctx: SeedContext, record: PreparedSeed, problems: SeedProblem[]): Promise<boolean> {
  try {
    // With the context's hooks (plugins' code: a quote's totals from its lines), as an API create runs them.
    await insertWithHooks(trx, ctx, ctx.app.entities[record.entity]!, record.row);
    return true;
  } catch (error) {
    const { code, detail } = error as { code?: string; detail?: string };
    if (code !== '23505') throw error;
    problems.push(seedProblem('seed.unique', { file: record.file, path: `/records/${record.index}` }, ctx.locale, { detail: detail ?? '' }));
    return false;
  }
}
