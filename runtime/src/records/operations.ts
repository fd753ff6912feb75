import { randomUUID } from 'node:crypto';
import { fieldTypes, type AppModel, type EntityModel, type EvalContext, type PlaceholderValues } from '@tessera/core';
import type { Knex } from 'knex';
import { diffRecords, writeHistory } from './history';
import { RecordError } from './record-error';
import { apiRecord } from './serialize';
import { recordColumns, statementsFor, type EntityStatements } from './statements';
import { bodyErrors, ruleErrors } from './validate';

/** Who acts, in which language, against which database and model. */
export interface RecordContext {
  readonly db: Knex;
  readonly app: AppModel;
  readonly userId: string | null;
  readonly locale: string;
  readonly values: PlaceholderValues;
}

type Row = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads one record; a malformed or unknown id is "not found". */
export async function getRecord(ctx: RecordContext, entity: EntityModel, id: string): Promise<Row> {
  const row = UUID.test(id) ? await selectRow(ctx.db, ctx, statementsFor(ctx.app, entity), id, false) : undefined;
  if (!row) throw new RecordError('notFound');
  return apiRecord(entity, row);
}

/** Creates a record: validate the body, apply defaults, check rules, insert and write history in one transaction. */
export async function createRecord(ctx: RecordContext, entity: EntityModel, body: unknown): Promise<Row> {
  const record = prepareCreate(ctx, entity, body);
  return ctx.db.transaction((trx) => insertRecord(trx, ctx, entity, record));
}

/** Validates a create body and completes it (defaults, id, system fields); throws a RecordError when it is refused. */
export function prepareCreate(ctx: RecordContext, entity: EntityModel, body: unknown): Row {
  failOn('invalid', bodyErrors(ctx.app, entity.name, 'create', body, ctx.locale));
  const now = new Date().toISOString();
  const record: Row = { ...defaults(entity), ...(body as Row), id: randomUUID(), version: 1, createdAt: now, updatedAt: now, createdBy: ctx.userId, updatedBy: ctx.userId };
  if (entity.ownership === 'user') record.ownerId = ctx.userId;
  failOn('rule', ruleErrors(ctx.app, entity.name, 'create', record, evalContext(ctx), ctx.locale));
  return record;
}

/** Inserts a prepared record and its history row in the caller's transaction, and returns it as stored. */
export async function insertRecord(trx: Knex.Transaction, ctx: RecordContext, entity: EntityModel, record: Row): Promise<Row> {
  const s = statementsFor(ctx.app, entity);
  await trx.raw(s.insert, s.stored.map((f) => dbValue(entity, f.name, record[f.name])));
  const saved = apiRecord(entity, (await selectRow(trx, ctx, s, record.id as string, false))!);
  await writeHistory(trx, { entity: entity.name, recordId: saved.id as string, action: 'create', changes: diffRecords({}, saved, fieldsOf(s)), userId: ctx.userId });
  return saved;
}

/** Updates a record from a partial body; with expectedVersion, a stale version fails and nothing changes. */
export async function updateRecord(ctx: RecordContext, entity: EntityModel, id: string, body: unknown, expectedVersion?: number): Promise<Row> {
  failOn('invalid', bodyErrors(ctx.app, entity.name, 'update', body, ctx.locale));
  const s = statementsFor(ctx.app, entity);
  return ctx.db.transaction(async (trx) => {
    const before = await lockRow(trx, ctx, entity, s, id, expectedVersion);
    const merged: Row = { ...before, ...(body as Row), version: (before.version as number) + 1, updatedAt: new Date().toISOString(), updatedBy: ctx.userId };
    failOn('rule', ruleErrors(ctx.app, entity.name, 'update', merged, evalContext(ctx), ctx.locale));
    const settable = s.stored.filter((f) => f.name !== 'id');
    const updated = await trx.raw(`${s.update} returning "r"."id"`, [...settable.map((f) => dbValue(entity, f.name, merged[f.name])), id, before.version as number]);
    if (!updated.rows.length) throw new RecordError('stale');
    const after = apiRecord(entity, (await selectRow(trx, ctx, s, id, false))!);
    const changes = diffRecords(before, after, fieldsOf(s).filter((n) => !['version', 'updatedAt', 'updatedBy'].includes(n)));
    await writeHistory(trx, { entity: entity.name, recordId: id, action: 'update', changes, userId: ctx.userId });
    return after;
  });
}

/** Deletes a record; with expectedVersion, a stale version fails and nothing changes. */
export async function deleteRecord(ctx: RecordContext, entity: EntityModel, id: string, expectedVersion?: number): Promise<void> {
  const s = statementsFor(ctx.app, entity);
  await ctx.db.transaction(async (trx) => {
    const before = await lockRow(trx, ctx, entity, s, id, expectedVersion);
    await trx.raw(s.delete, [id, before.version as number]);
    await writeHistory(trx, { entity: entity.name, recordId: id, action: 'delete', changes: diffRecords(before, {}, fieldsOf(s)), userId: ctx.userId });
  });
}

async function lockRow(trx: Knex.Transaction, ctx: RecordContext, entity: EntityModel, s: EntityStatements, id: string, expectedVersion?: number): Promise<Row> {
  const row = UUID.test(id) ? await selectRow(trx, ctx, s, id, true) : undefined;
  if (!row) throw new RecordError('notFound');
  if (expectedVersion !== undefined && Number(row.version) !== expectedVersion) throw new RecordError('stale');
  return apiRecord(entity, row);
}

async function selectRow(db: Knex | Knex.Transaction, ctx: RecordContext, s: EntityStatements, id: string, forUpdate: boolean): Promise<Row | undefined> {
  const columns = recordColumns(ctx.app, s, ctx.values);
  const sql = `select ${columns.sql} from ${s.table} where "r"."id" = ?${forUpdate ? ' for update' : ''}`;
  return (await db.raw(sql, [...columns.bindings, id] as Knex.RawBinding[])).rows[0];
}

const fieldsOf = (s: EntityStatements) => [...s.stored, ...s.virtual].map((f) => f.name);

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
function dbValue(entity: EntityModel, name: string, value: unknown): Knex.RawBinding {
  if (value === undefined || value === null) return null;
  const field = entity.fields[name]!;
  return (fieldTypes.get(field.type).column(field.definition as never)?.sqlType === 'jsonb' ? JSON.stringify(value) : value) as Knex.RawBinding;
}

// Rules see the record itself; following lookups needs reads this step does not make yet.
const evalContext = (ctx: RecordContext): EvalContext => ({ app: ctx.app, values: ctx.values, lookup: () => undefined });
