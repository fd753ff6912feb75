import { fieldTypes, type AppModel, type Locale, type MetadataReader } from '@tessera/core';
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

/** The user fields of a record given as {"$user": e-mail}: a person of the demo, whose id the first start makes. */
function namedUsers(app: AppModel, record: SeedRecord): Array<{ readonly field: string; readonly email: unknown }> {
  const entity = app.entities[record.entity]!;
  return Object.entries(record.body).flatMap(([name, value]) => {
    const field = entity.fields[name];
    const named = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && '$user' in value;
    return field && named && fieldTypes.get(field.type).target?.(field.definition as never) === 'user' ? [{ field: name, email: (value as { $user: unknown }).$user }] : [];
  });
}

/** The ids of the users the records name (as owners or in user fields), by lower-cased e-mail. */
async function userIds(ctx: SeedContext, records: readonly SeedRecord[]): Promise<Map<string, string>> {
  const named = records.flatMap((r) => [...(r.owner === undefined ? [] : [r.owner]), ...namedUsers(ctx.app, r).map((u) => u.email)]);
  const emails = [...new Set(named.filter((e): e is string => typeof e === 'string').map((e) => e.toLowerCase()))];
  if (!emails.length) return new Map();
  const rows = await ctx.db('user').whereIn(ctx.db.raw('lower(email)') as unknown as string, emails).select('id', 'email') as Array<{ id: string; email: string }>;
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

/** A record's body with the users it names by e-mail as their ids; a name that is no user is a problem at its field. */
function withUserIds(ctx: SeedContext, record: SeedRecord, users: Map<string, string>, problems: SeedProblem[]): Row | undefined {
  const body: Row = { ...record.body };
  let ok = true;
  for (const { field, email } of namedUsers(ctx.app, record)) {
    const id = typeof email === 'string' ? users.get(email.toLowerCase()) : undefined;
    if (id) body[field] = id;
    else {
      ok = false;
      problems.push(seedProblem('seed.user', { file: record.file, path: `/records/${record.index}/${field}` }, ctx.locale, { found: JSON.stringify(email) }));
    }
  }
  return ok ? body : undefined;
}

/**
 * Reads, checks and orders the app's seed data, writing nothing (rules that follow lookups read their targets): the shape of each file, the ids, each
 * record against the entity's form schema and rules (prepareCreate, the REST API's own validation), and lookup cycles.
 */
export async function planSeed(reader: MetadataReader, ctx: SeedContext): Promise<SeedPlan> {
  const read = await readSeedFiles(reader, ctx.app, ctx.locale);
  const problems: SeedProblem[] = [...read.problems];
  const rows = new Map<SeedRecord, Row>();
  const users = await userIds(ctx, read.records);
  // Seed data is the implementer's, as data brought from another system: it may set fields a process sets (a status).
  const writer: SeedContext = { ...ctx, writesReadOnly: true };
  for (const record of read.records) {
    try {
      const owner = record.owner === undefined ? undefined : users.get(record.owner.toLowerCase());
      if (record.owner !== undefined && (!owner || ctx.app.entities[record.entity]!.ownership !== 'user')) {
        problems.push(seedProblem('seed.owner', { file: record.file, path: `/records/${record.index}/$owner` }, ctx.locale, { found: JSON.stringify(record.owner) }));
        continue;
      }
      // The API refuses an "id" in a create body (it is read-only); the seed gives one so a second run can skip the record.
      const body = withUserIds(ctx, record, users, problems);
      if (!body) continue;
      rows.set(record, { ...(await prepareCreate(writer, ctx.app.entities[record.entity]!, body)), id: record.id, ...(owner ? { ownerId: owner } : {}) });
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
