import { randomUUID } from 'node:crypto';
import { fieldTypes, type AppModel, type EntityModel, type FieldModel, type PlaceholderValues } from '@tessera/core';
import type { Knex } from 'knex';
import { run, type Row } from '../db/statement';
import { RecordError } from './record-error';
import { apiRecord } from './serialize';
import { statementsFor, type EntityStatements } from './statements';
import { ruleErrorsWithLookups, type ReadRecord } from './rule-check';
import { bodyErrors } from './validate';

/** Who acts, in which language, against which database and model. */
export interface RecordContext {
  readonly db: Knex;
  readonly app: AppModel;
  readonly userId: string | null;
  readonly locale: string;
  readonly values: PlaceholderValues;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads one record with one prepared statement; a malformed or unknown id is "not found". */
export async function getRecord(ctx: RecordContext, entity: EntityModel, id: string): Promise<Row> {
  const row = UUID.test(id) ? await selectRow(ctx.db, ctx, statementsFor(ctx.app, entity), id) : undefined;
  if (!row) throw new RecordError('notFound');
  return apiRecord(entity, row);
}

/** Creates a record: validate the body, apply defaults, check rules, then one statement inserts it and its history. */
export async function createRecord(ctx: RecordContext, entity: EntityModel, body: unknown): Promise<Row> {
  return insertRecord(ctx.db, ctx, entity, await prepareCreate(ctx, entity, body));
}

/** Validates a create body and completes it (defaults, id, system fields); throws a RecordError when it is refused. */
export async function prepareCreate(ctx: RecordContext, entity: EntityModel, body: unknown): Promise<Row> {
  failOn('invalid', bodyErrors(ctx.app, entity.name, 'create', body, ctx.locale));
  const now = new Date().toISOString();
  const record: Row = { ...defaults(entity), ...(body as Row), id: randomUUID(), version: 1, createdAt: now, updatedAt: now, createdBy: ctx.userId, updatedBy: ctx.userId };
  if (entity.ownership === 'user') record.ownerId = ctx.userId;
  failOn('rule', await ruleErrorsWithLookups(ctx.app, entity.name, 'create', record, ctx.values, ctx.locale, reader(ctx)));
  return record;
}

/** Inserts a prepared record and its history row in one statement (in the caller's transaction, if any); returns it as stored. */
export async function insertRecord(db: Knex | Knex.Transaction, ctx: RecordContext, entity: EntityModel, record: Row): Promise<Row> {
  const s = statementsFor(ctx.app, entity);
  const { statement, bindings } = s.insert(ctx.values);
  const [row] = await run(db, statement, [...s.inserted.map((f) => dbValue(f, record[f.name])), entity.name, ctx.userId, ...bindings]);
  return apiRecord(entity, row!);
}

// How many times an update without If-Match re-reads and retries when another write moved the version under it.
const UPDATE_ATTEMPTS = 3;

/**
 * Updates a record from a partial body: read it, check rules on the merged record, then one statement writes it and
 * its history at the version read. With expectedVersion, a stale version fails and nothing changes; without, a
 * concurrent write makes it start over from the new version.
 */
export async function updateRecord(ctx: RecordContext, entity: EntityModel, id: string, body: unknown, expectedVersion?: number): Promise<Row> {
  failOn('invalid', bodyErrors(ctx.app, entity.name, 'update', body, ctx.locale));
  const s = statementsFor(ctx.app, entity);
  for (let attempt = 1; ; attempt++) {
    const before = await readForWrite(ctx, entity, id, expectedVersion);
    const merged: Row = { ...before, ...(body as Row), version: (before.version as number) + 1, updatedAt: new Date().toISOString(), updatedBy: ctx.userId };
    failOn('rule', await ruleErrorsWithLookups(ctx.app, entity.name, 'update', merged, ctx.values, ctx.locale, reader(ctx)));
    const { statement, bindings } = s.update(ctx.values);
    const [row] = await run(ctx.db, statement, [id, ...s.settable.map((f) => dbValue(f, merged[f.name])), before.version, entity.name, ctx.userId, ...bindings]);
    if (row) return apiRecord(entity, row);
    if (expectedVersion !== undefined || attempt === UPDATE_ATTEMPTS) throw new RecordError('stale');
  }
}

/** Deletes a record and writes its history in one statement; with expectedVersion, a stale version fails and nothing changes. */
export async function deleteRecord(ctx: RecordContext, entity: EntityModel, id: string, expectedVersion?: number): Promise<void> {
  if (!UUID.test(id)) throw new RecordError('notFound');
  const s = statementsFor(ctx.app, entity);
  const { statement, bindings } = s.delete(ctx.values);
  const [row] = await run(ctx.db, statement, [id, expectedVersion ?? null, entity.name, ctx.userId, ...bindings]);
  if (row) return;
  // Nothing deleted: say whether the record is missing or was at another version.
  throw new RecordError(expectedVersion !== undefined && (await selectRow(ctx.db, ctx, s, id)) ? 'stale' : 'notFound');
}

/** The record an update starts from; with expectedVersion, a record at another version is stale. */
async function readForWrite(ctx: RecordContext, entity: EntityModel, id: string, expectedVersion?: number): Promise<Row> {
  const before = await getRecord(ctx, entity, id);
  if (expectedVersion !== undefined && before.version !== expectedVersion) throw new RecordError('stale');
  return before;
}

async function selectRow(db: Knex | Knex.Transaction, ctx: RecordContext, s: EntityStatements, id: string): Promise<Row | undefined> {
  const { statement, bindings } = s.select(ctx.values);
  return (await run(db, statement, [id, ...bindings]))[0];
}

function failOn(kind: 'invalid' | 'rule', errors: ReturnType<typeof bodyErrors>): void {
  if (!errors.length) return;
  const rules = errors.filter((e) => e.code.startsWith('rule:'));
  throw new RecordError(kind === 'invalid' && rules.length === errors.length ? 'rule' : kind, errors);
}

function defaults(entity: EntityModel): Row {
  const out: Row = {};
  for (const name of entity.fieldNames) {
    const def = (entity.fields[name]!.definition as { default?: unknown }).default;
    if (def !== undefined) out[name] = def;
  }
  return out;
}

/** A value as node-postgres should bind it: JSON fields as JSON text (pg would turn a JS array into a SQL array). */
function dbValue(field: FieldModel, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return fieldTypes.get(field.type).column(field.definition as never)?.sqlType === 'jsonb' ? JSON.stringify(value) : value;
}

/** How rules read the records their lookups point to: the same prepared read as GET. */
const reader = (ctx: RecordContext): ReadRecord => async (name, id) => {
  const target = ctx.app.entities[name];
  const row = target && UUID.test(id) ? await selectRow(ctx.db, ctx, statementsFor(ctx.app, target), id) : undefined;
  return row && apiRecord(target!, row);
};
