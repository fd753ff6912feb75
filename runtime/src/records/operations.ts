import { randomUUID } from 'node:crypto';
import { fieldTypes, isUuid, type Access, type AppModel, type EntityModel, type FieldModel, type Permissions, type PlaceholderValues } from '@tessera/core';
import type { Knex } from 'knex';
import { run, type Row } from '../db/statement';
import { checkDuplicates, type DuplicatePolicy } from '../duplicates/duplicate-check';
import { RecordError } from './record-error';
import { apiRecord } from './serialize';
import { prepareSideValues, writeWithSideValues } from './side-writes';
import { statementsFor, type EntityStatements } from './statements';
import { checkRecord, checkWritable, inScope, sharedForEdit, visible, visibleErrors } from './access-checks';
import type { RecordHooks, RecordWrite } from './hooks';
import { accessScope, type RowScope } from './scope';
import { bodyErrors, defaultsOf } from './validate';
import type { ReadRecord } from './with-lookups';

/** Who acts, in which language, with which permissions, against which database and model. */
export interface RecordContext {
  readonly db: Knex;
  readonly app: AppModel;
  readonly userId: string | null;
  readonly locale: string;
  readonly values: PlaceholderValues;
  readonly permissions: Permissions;
  /** What else writes do (lock checks, process triggers); the process engine's own writes have none. */
  readonly hooks?: RecordHooks;
  /** Set for the process engine: it writes the fields that are read-only to clients (an approval status). */
  readonly writesReadOnly?: boolean;
  /** What writes do about the entity's duplicate rules; 'refuse' (warn and block rules) when unset. */
  readonly duplicates?: DuplicatePolicy;
}

/** Reads one record the caller may read with one prepared statement, showing only the fields they may read. */
export async function getRecord(ctx: RecordContext, entity: EntityModel, id: string): Promise<Row> {
  return visible(ctx.permissions, entity, await readRecord(ctx, entity, id, ctx.permissions.access('read', entity.name)));
}

/** Creates a record: check the fields it writes and the body, apply defaults, check rules and the role's row condition, then one statement inserts it and its history. */
export async function createRecord(ctx: RecordContext, entity: EntityModel, body: unknown): Promise<Row> {
  const prepared = await prepareCreate(ctx, entity, body);
  const record = await hooked(ctx, entity, 'create', prepared.id as string, (db) => insertRecord(db, ctx, entity, prepared));
  return visible(ctx.permissions, entity, record!);
}

/** Validates a create body and completes it (defaults, id, system fields); throws a RecordError when it is refused. */
export async function prepareCreate(ctx: RecordContext, entity: EntityModel, body: unknown): Promise<Row> {
  const access = allowed(ctx, 'create', entity);
  checkWritable(access, entity, body, ctx.locale);
  failOn(ctx, entity, 'invalid', bodyErrors(ctx.app, entity.name, 'create', body, ctx.locale, ctx.writesReadOnly));
  const now = new Date().toISOString();
  const given: Row = { ...defaultsOf(entity), ...(body as Row), id: randomUUID(), version: 1, createdAt: now, updatedAt: now, createdBy: ctx.userId, updatedBy: ctx.userId };
  if (entity.ownership === 'user') given.ownerId = ctx.userId;
  const record = await withSaveHooks(ctx, entity, 'create', given);
  const check = await checkRecord(ctx, entity, 'create', record, access, reader(ctx));
  failOn(ctx, entity, 'rule', check.errors);
  if (!check.inScope) throw outOfScope(ctx.locale);
  await checkDuplicates(ctx, entity, record);
  return prepareSideValues(entity, record);
}

/** Inserts a prepared record and its history row in one statement (in the caller's transaction, if any); returns it as stored. */
export async function insertRecord(db: Knex | Knex.Transaction, ctx: RecordContext, entity: EntityModel, record: Row): Promise<Row> {
  const s = statementsFor(ctx.app, entity);
  const { statement, bindings } = s.insert(ctx.values);
  const row = await writeWithSideValues(db, ctx, entity, record, async (w) =>
    (await run(w, statement, [...s.inserted.map((f) => dbValue(f, record[f.name])), entity.name, ctx.userId, ...bindings]))[0]);
  return apiRecord(entity, row!);
}

/** Inserts a prepared record inside the caller's transaction and runs the create hooks there (bulk writes). */
export async function insertWithHooks(trx: Knex.Transaction, ctx: RecordContext, entity: EntityModel, record: Row): Promise<Row> {
  const row = await insertRecord(trx, ctx, entity, record);
  if (ctx.hooks?.watches(entity.name)) await ctx.hooks.afterWrite(trx, { entity: entity.name, action: 'create', id: row.id as string, after: row, userId: ctx.userId });
  return row;
}

// How many times an update without If-Match re-reads and retries when another write moved the version under it.
const UPDATE_ATTEMPTS = 3;

/**
 * Updates a record from a partial body: read it, check rules and the role's row condition on the record before and
 * after the change, then one statement writes it and its history at the version read. With expectedVersion, a stale
 * version fails and nothing changes; without, a concurrent write makes it start over from the new version.
 */
export async function updateRecord(ctx: RecordContext, entity: EntityModel, id: string, body: unknown, expectedVersion?: number): Promise<Row> {
  const access = checkUpdateBody(ctx, entity, body);
  return writeUpdate(ctx, entity, id, access, await prepareSideValues(entity, body as Row), expectedVersion, true);
}

/** Checks an update body before any record is read: the action is allowed, the fields writable, the values valid; answers the update access. */
export function checkUpdateBody(ctx: RecordContext, entity: EntityModel, body: unknown): Access {
  const access = allowed(ctx, 'update', entity);
  checkWritable(access, entity, body, ctx.locale);
  failOn(ctx, entity, 'invalid', bodyErrors(ctx.app, entity.name, 'update', body, ctx.locale, ctx.writesReadOnly));
  return access;
}

/**
 * Hands a record to another owner: an update of ownerId (a system field no body may set) by someone whose roles let
 * them update the record. Unlike an edit, the record may leave their scope: giving it away is the point.
 */
export async function transferOwner(ctx: RecordContext, entity: EntityModel, id: string, ownerId: string, expectedVersion?: number): Promise<Row> {
  const access = allowed(ctx, 'update', entity);
  return writeUpdate(ctx, entity, id, access, { ownerId }, expectedVersion, false);
}

async function writeUpdate(ctx: RecordContext, entity: EntityModel, id: string, access: Access, changes: Row, expectedVersion: number | undefined, keepInScope: boolean): Promise<Row> {
  const read = ctx.permissions.access('read', entity.name);
  for (let attempt = 1; ; attempt++) {
    const before = await readRecord(ctx, entity, id, read);
    if (expectedVersion !== undefined && before.version !== expectedVersion) throw new RecordError('stale');
    const merged = await prepareUpdate(ctx, entity, before, changes, access, keepInScope);
    // The body's values, and those the save hooks set.
    const written = Object.fromEntries(Object.entries(merged).filter(([k, v]) => Object.hasOwn(changes, k) || v !== before[k]));
    const saved = await hooked(ctx, entity, 'update', id, async (db) => {
      const row = await writeWithSideValues(db, ctx, entity, written, (w) => writeUpdated(w, ctx, entity, merged, before.version as number));
      return row && apiRecord(entity, row);
    }, before);
    if (saved) return visible(ctx.permissions, entity, saved);
    if (expectedVersion !== undefined || attempt === UPDATE_ATTEMPTS) throw new RecordError('stale');
  }
}

/**
 * Checks the update of a record read as `before`: the record is in the access's row condition (or shared for
 * editing), the merged record passes the rules and (with keepInScope) stays in reach. Answers the record to write at
 * the next version; throws a RecordError when it is refused.
 */
export async function prepareUpdate(ctx: RecordContext, entity: EntityModel, before: Row, changes: Row, access: Access, keepInScope = true): Promise<Row> {
  // A record shared for editing stays editable whatever its values: the share names its id. Asked once, when needed.
  let sharedEdit: Promise<boolean> | undefined;
  const shared = () => (sharedEdit ??= sharedForEdit(ctx.db, ctx, entity.name, before.id as string));
  if (!(await inScope(ctx, before, access, reader(ctx))) && !(await shared())) throw outOfScope(ctx.locale);
  const merged = await withSaveHooks(ctx, entity, 'update', { ...before, ...changes, version: (before.version as number) + 1, updatedAt: new Date().toISOString(), updatedBy: ctx.userId }, before);
  const check = await checkRecord(ctx, entity, 'update', merged, access, reader(ctx));
  failOn(ctx, entity, 'rule', check.errors);
  if (keepInScope && !check.inScope && !(await shared())) throw outOfScope(ctx.locale);
  await checkDuplicates(ctx, entity, merged, before);
  return merged;
}

/** Writes a prepared update and its history row in one statement if the record is still at `version`; answers the stored row, or nothing. */
export async function writeUpdated(db: Knex | Knex.Transaction, ctx: RecordContext, entity: EntityModel, merged: Row, version: number): Promise<Row | undefined> {
  const s = statementsFor(ctx.app, entity);
  const { statement, bindings } = s.update(ctx.values);
  return (await run(db, statement, [merged.id, ...s.settable.map((f) => dbValue(f, merged[f.name])), version, entity.name, ctx.userId, ...bindings]))[0];
}

/** Deletes a record in the role's scope and writes its history in one statement; with expectedVersion, a stale version fails and nothing changes. */
export async function deleteRecord(ctx: RecordContext, entity: EntityModel, id: string, expectedVersion?: number): Promise<void> {
  const access = allowed(ctx, 'delete', entity);
  if (!isUuid(id)) throw new RecordError('notFound');
  const s = statementsFor(ctx.app, entity);
  const { statement, bindings } = s.delete(ctx.values, accessScope(entity.name, access));
  const row = await hooked(ctx, entity, 'delete', id, async (db) => (await run(db, statement, [id, expectedVersion ?? null, entity.name, ctx.userId, ...bindings]))[0]);
  if (row) return;
  // Nothing deleted: the record is missing (or hidden), at another version, or outside what the roles may delete.
  const current = await readRecord(ctx, entity, id, ctx.permissions.access('read', entity.name));
  throw new RecordError(expectedVersion !== undefined && current.version !== expectedVersion ? 'stale' : 'forbidden');
}

/**
 * The record (every field) for an action other than a write, such as sharing or submitting it: readable, and inside
 * the action's row condition (for "update", a record shared for editing is inside too). A record out of sight is
 * "not found"; one in sight but out of the action's reach is forbidden.
 */
export async function recordFor(ctx: RecordContext, entity: EntityModel, id: string, action: 'share' | 'update' | 'delete'): Promise<Row> {
  const access = ctx.permissions.access(action, entity.name);
  const record = await readRecord(ctx, entity, id, ctx.permissions.access('read', entity.name));
  const reachable = access.allowed && (await inScope(ctx, record, access, reader(ctx)));
  if (!reachable && !(action === 'update' && (await sharedForEdit(ctx.db, ctx, entity.name, id)))) throw outOfScope(ctx.locale);
  return record;
}

/**
 * Runs a write (answering the record written, or nothing when it did not apply) alone when no hook watches the entity,
 * as on the hot path; otherwise in one transaction with the hooks before and after it.
 */
async function hooked(ctx: RecordContext, entity: EntityModel, action: RecordWrite['action'], id: string, write: (db: Knex | Knex.Transaction) => Promise<Row | undefined>, before?: Row): Promise<Row | undefined> {
  const hooks = ctx.hooks;
  if (!hooks?.watches(entity.name)) return write(ctx.db);
  return ctx.db.transaction(async (trx) => {
    if (action !== 'create') await hooks.beforeWrite(trx, { entity: entity.name, action, id });
    const row = await write(trx);
    // A delete's statement answers the row as it was: the hooks are told what was deleted.
    const was = action === 'delete' ? row && apiRecord(entity, row) : before;
    if (row) await hooks.afterWrite(trx, { entity: entity.name, action, id, userId: ctx.userId, ...(was ? { before: was } : {}), ...(action === 'delete' ? {} : { after: row }) });
    return row;
  });
}

/**
 * The record to check and store with what the save hooks set (computed values such as deadlines), which are checked
 * as a body is: a hook's mistake is refused, not stored.
 */
async function withSaveHooks(ctx: RecordContext, entity: EntityModel, action: 'create' | 'update', record: Row, before?: Row): Promise<Row> {
  const hooks = ctx.hooks;
  if (!hooks?.beforeSave || !hooks.watches(entity.name)) return record;
  const changes = await hooks.beforeSave(ctx.db, { entity: entity.name, action, record, ...(before ? { before } : {}), userId: ctx.userId });
  if (!changes || !Object.keys(changes).length) return record;
  failOn(ctx, entity, 'invalid', bodyErrors(ctx.app, entity.name, 'update', changes, ctx.locale, true));
  return { ...record, ...changes };
}

/** A write the roles' row condition does not allow, before or after the change. */
const outOfScope = (locale: string) => new RecordError('forbidden', [{
  path: '', code: 'forbidden', message: locale === 'zh-CN' ? '您的角色不允许对此记录执行该操作' : 'your roles do not allow this on this record',
}]);

/** The whole record (every field) if the read access reaches it; a record out of reach is "not found", like a missing one. */
async function readRecord(ctx: RecordContext, entity: EntityModel, id: string, read: Access): Promise<Row> {
  const row = read.allowed && isUuid(id) ? await selectRow(ctx.db, ctx, statementsFor(ctx.app, entity), id, accessScope(entity.name, read, { shared: true })) : undefined;
  if (!row) throw new RecordError('notFound');
  return apiRecord(entity, row);
}

/** The access for an action; an action the roles never allow on the entity is refused before any work. */
function allowed(ctx: RecordContext, action: 'create' | 'update' | 'delete', entity: EntityModel): Access {
  const access = ctx.permissions.access(action, entity.name);
  if (!access.allowed) throw new RecordError(ctx.permissions.can('read', entity.name) ? 'forbidden' : 'notFound');
  return access;
}

async function selectRow(db: Knex | Knex.Transaction, ctx: RecordContext, s: EntityStatements, id: string, scope?: RowScope): Promise<Row | undefined> {
  const { statement, bindings } = s.select(ctx.values, scope);
  return (await run(db, statement, [id, ...bindings]))[0];
}

function failOn(ctx: RecordContext, entity: EntityModel, kind: 'invalid' | 'rule', errors: ReturnType<typeof bodyErrors>): void {
  if (!errors.length) return;
  const rules = errors.filter((e) => e.code.startsWith('rule:'));
  throw new RecordError(kind === 'invalid' && rules.length === errors.length ? 'rule' : kind, visibleErrors(ctx.permissions, entity, errors, ctx.locale));
}

/** A value as node-postgres should bind it: JSON fields as JSON text (pg would turn a JS array into a SQL array). */
export function dbValue(field: FieldModel, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return fieldTypes.get(field.type).column(field.definition as never)?.sqlType === 'jsonb' ? JSON.stringify(value) : value;
}

/** How rules and row conditions read the records their lookups point to: the same prepared read as GET, unscoped (the server reads them, the caller sees none of it). */
const reader = (ctx: RecordContext): ReadRecord => async (name, id) => {
  const target = ctx.app.entities[name];
  const row = target && isUuid(id) ? await selectRow(ctx.db, ctx, statementsFor(ctx.app, target), id) : undefined;
  return row && apiRecord(target!, row);
};
