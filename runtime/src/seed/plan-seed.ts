import type { Locale, MetadataReader } from '@tessera/core';
import type { Row } from '../db/statement';
import { prepareCreate, type RecordContext } from '../records/operations';
import { RecordError } from '../records/record-error';
import { readSeedFiles, type SeedRecord } from './seed-files';
import { seedOrder } from './seed-order';
import { seedProblem, type SeedProblem } from './seed-problem';

/** A seed record validated and completed as the REST API completes a create body, keeping its given id. */
export interface PreparedSeed extends SeedRecord {
  readonly row: Row;
}

/** A record context in a shipped language: seed problems are written in it. */
export type SeedContext = RecordContext & { readonly locale: Locale };

/** The seed data of an app, ready to write in insertion order; or every problem found in it, with nothing written. */
export type SeedPlan =
  | { readonly ok: true; readonly files: readonly string[]; readonly records: readonly PreparedSeed[] }
  | { readonly ok: false; readonly problems: readonly SeedProblem[] };

/** The ids of the users the records name as owners, by lower-cased e-mail. */
async function ownerIds(ctx: SeedContext, records: readonly SeedRecord[]): Promise<Map<string, string>> {
  const emails = [...new Set(records.flatMap((r) => (r.owner === undefined ? [] : [r.owner.toLowerCase()])))];
  if (!emails.length) return new Map();
  const rows = await ctx.db('user').whereIn(ctx.db.raw('lower(email)') as unknown as string, emails).select('id', 'email') as Array<{ id: string; email: string }>;
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

/**
 * Reads, checks and orders the app's seed data, writing nothing (rules that follow lookups read their targets): the shape of each file, the ids, each
 * record against the entity's form schema and rules (prepareCreate, the REST API's own validation), and lookup cycles.
 */
export async function planSeed(reader: MetadataReader, ctx: SeedContext): Promise<SeedPlan> {
  const read = await readSeedFiles(reader, ctx.app, ctx.locale);
  const problems: SeedProblem[] = [...read.problems];
  const rows = new Map<SeedRecord, Row>();
  const owners = await ownerIds(ctx, read.records);
  for (const record of read.records) {
    try {
      const owner = record.owner === undefined ? undefined : owners.get(record.owner.toLowerCase());
      if (record.owner !== undefined && (!owner || ctx.app.entities[record.entity]!.ownership !== 'user')) {
        problems.push(seedProblem('seed.owner', { file: record.file, path: `/records/${record.index}/$owner` }, ctx.locale, { found: JSON.stringify(record.owner) }));
        continue;
      }
      // The API refuses an "id" in a create body (it is read-only); the seed gives one so a second run can skip the record.
      rows.set(record, { ...(await prepareCreate(ctx, ctx.app.entities[record.entity]!, record.body)), id: record.id, ...(owner ? { ownerId: owner } : {}) });
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      problems.push(...error.errors.map((e) => ({ file: record.file, path: `/records/${record.index}${e.path}`, code: e.code, message: e.message })));
    }
  }
  const { ordered, problems: cycles } = seedOrder(ctx.app, read.records, ctx.locale);
  problems.push(...cycles);
  if (problems.length) return { ok: false, problems };
  return { ok: true, files: read.files, records: ordered.map((record) => ({ ...record, row: rows.get(record)! })) };
}
