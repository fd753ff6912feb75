import { fieldStorage, type EntityModel } from '@tessera/core';
import type { Knex } from 'knex';
import { run, type Row } from '../../db/statement';
import { pgErrorMapping } from '../../http/pg-errors';
import { apiRecord } from '../../records/serialize';
import { insertRecord, writeUpdated, type RecordContext } from '../../records/operations';
import { RecordError } from '../../records/record-error';
import { insertManyValues, statementsFor } from '../../records/statements';
import type { LineError } from './line-errors';
import type { WritingLine } from './prepare-lines';

type Insert = Extract<WritingLine, { kind: 'insert' }>;
type Update = Extract<WritingLine, { kind: 'update' }>;

/** What writing a batch did: the lines written, and those the database refused (a unique value taken, a stale version). */
export interface Written {
  inserted: number;
  updated: number;
  readonly errors: LineError[];
}

// Lines inserted by one statement.
const MAX_ROWS = 500;

/** The line error of a statement the database refused for this line's values; anything else is the server's fault and is thrown. */
function refusal(line: number, error: unknown): LineError {
  if (error instanceof RecordError) return { line, code: `record.${error.kind}`, message: error.errors[0]?.message ?? error.message };
  const mapped = pgErrorMapping(error);
  if (!mapped || mapped[0] >= 500) throw error;
  return { line, code: mapped[1], message: mapped[2] };
}

/** Whether the entity has values stored beside the record (a user's password and roles): they need the single-record write that stores them. */
const storesBeside = (entity: EntityModel) => entity.fieldNames.some((n) => fieldStorage(entity.fields[n]!) === 'side');

/**
 * Whether writes to the entity are single statements, with no savepoint of their own (nothing stored beside the
 * record, no hooks that may run process actions): the condition for writing a batch while the next one is checked.
 */
export const writesAlone = (ctx: RecordContext, entity: EntityModel): boolean => !storesBeside(entity) && !ctx.hooks?.watches(entity.name);

/**
 * Writes a batch's prepared lines in the caller's transaction: inserts as multi-row statements that also write their
 * history rows, updates one statement each (at the version checked), each with the entity's hooks (locks, process
 * triggers, outbox) as a single write has them. Careful, each statement runs in a savepoint and one the database
 * refuses is retried line by line, so the report names the line and the rest of the batch stands; otherwise a refusal
 * is thrown and aborts the transaction (the optimistic pass of an import, which then runs again carefully).
 */
export async function writeLines(trx: Knex.Transaction, ctx: RecordContext, entity: EntityModel, lines: readonly WritingLine[], careful: boolean): Promise<Written> {
  const done: Written = { inserted: 0, updated: 0, errors: [] };
  const inserts = lines.filter((l): l is Insert => l.kind === 'insert');
  const updates = lines.filter((l): l is Update => l.kind === 'update');
  const sideStored = storesBeside(entity);
  const insert = (db: Knex.Transaction, chunk: readonly Insert[]) => (sideStored ? insertOneByOne(db, ctx, entity, chunk) : insertChunk(db, ctx, entity, chunk));
  if (!careful) {
    for (let i = 0; i < inserts.length; i += MAX_ROWS) await insert(trx, inserts.slice(i, i + MAX_ROWS));
    for (const line of updates) await update(trx, ctx, entity, line);
    return { inserted: inserts.length, updated: updates.length, errors: [] };
  }
  for (let i = 0; i < inserts.length; i += MAX_ROWS) {
    const chunk = inserts.slice(i, i + MAX_ROWS);
    try {
      await trx.transaction((sp) => insert(sp, chunk));
      done.inserted += chunk.length;
    } catch {
      for (const line of chunk) {
        try {
          await trx.transaction((sp) => insert(sp, [line]));
          done.inserted++;
        } catch (lineError) {
          done.errors.push(refusal(line.line, lineError));
        }
      }
    }
  }
  for (const line of updates) {
    try {
      await trx.transaction((sp) => update(sp, ctx, entity, line));
      done.updated++;
    } catch (error) {
      done.errors.push(refusal(line.line, error));
    }
  }
  return done;
}

async function insertChunk(trx: Knex.Transaction, ctx: RecordContext, entity: EntityModel, chunk: readonly Insert[]): Promise<void> {
  const s = statementsFor(ctx.app, entity);
  // The records come back only for the hooks that read them.
  const watched = ctx.hooks?.watches(entity.name) ?? false;
  const values = insertManyValues(s.inserted, chunk.map((l) => l.record));
  const rows = await run(trx, s.insertMany(watched), [...values, entity.name, ctx.userId]);
  if (watched) await afterWrites(trx, ctx, entity, 'create', rows.map((r) => apiRecord(entity, r)));
}

async function insertOneByOne(trx: Knex.Transaction, ctx: RecordContext, entity: EntityModel, chunk: readonly Insert[]): Promise<void> {
  for (const line of chunk) await afterWrites(trx, ctx, entity, 'create', [await insertRecord(trx, ctx, entity, line.record)]);
}

async function update(trx: Knex.Transaction, ctx: RecordContext, entity: EntityModel, line: Update): Promise<void> {
  const id = line.before.id as string;
  const watched = ctx.hooks?.watches(entity.name);
  if (watched) await ctx.hooks!.beforeWrite(trx, { entity: entity.name, action: 'update', id });
  const row = await writeUpdated(trx, ctx, entity, line.record, line.before.version as number);
  if (!row) throw new RecordError('stale', [{ path: '', code: 'stale', message: ctx.locale === 'zh-CN' ? '记录已被他人修改' : 'the record was changed by someone else meanwhile' }]);
  if (watched) await ctx.hooks!.afterWrite(trx, { entity: entity.name, action: 'update', id, userId: ctx.userId, before: line.before, after: apiRecord(entity, row) });
}

async function afterWrites(trx: Knex.Transaction, ctx: RecordContext, entity: EntityModel, action: 'create', rows: readonly Row[]): Promise<void> {
  if (!ctx.hooks?.watches(entity.name)) return;
  for (const row of rows) await ctx.hooks.afterWrite(trx, { entity: entity.name, action, id: row.id as string, after: row, userId: ctx.userId });
}
