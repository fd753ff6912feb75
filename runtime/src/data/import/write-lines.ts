import { fieldStorage, type EntityModel } from '@tessera/core';
import type { Knex } from 'knex';
import { run, type Row } from '../../db/statement';
import { pgErrorMapping } from '../../http/pg-errors';
import { apiRecord } from '../../records/serialize';
import { dbValue, insertRecord, writeUpdated, type RecordContext } from '../../records/operations';
import { RecordError } from '../../records/record-error';
import { statementsFor } from '../../records/statements';
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

// PostgreSQL takes at most 65,535 parameters in one statement.
const MAX_PARAMETERS = 60_000;
const MAX_ROWS = 500;

/** The line error of a statement the database refused for this line's values; anything else is the server's fault and is thrown. */
function refusal(line: number, error: unknown): LineError {
  if (error instanceof RecordError) return { line, code: `record.${error.kind}`, message: error.errors[0]?.message ?? error.message };
  const mapped = pgErrorMapping(error);
  if (!mapped || mapped[0] >= 500) throw error;
  return { line, code: mapped[1], message: mapped[2] };
}

/**
 * Writes a batch's prepared lines in the caller's transaction: inserts as multi-row statements that also write their
 * history rows, updates one statement each (at the version checked), each with the entity's hooks (locks, process
 * triggers, outbox) as a single write has them. A statement the database refuses is retried line by line in
 * savepoints, so the report names the line and the rest of the batch stands.
 */
export async function writeLines(trx: Knex.Transaction, ctx: RecordContext, entity: EntityModel, lines: readonly WritingLine[]): Promise<Written> {
  const done: Written = { inserted: 0, updated: 0, errors: [] };
  const inserts = lines.filter((l): l is Insert => l.kind === 'insert');
  const s = statementsFor(ctx.app, entity);
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / Math.max(1, s.inserted.length))));
  // Values stored beside the record (a user's password and roles) need the single-record write that stores them.
  const sideStored = entity.fieldNames.some((n) => fieldStorage(entity.fields[n]!) === 'side');
  for (let i = 0; i < inserts.length; i += perStatement) {
    const chunk = inserts.slice(i, i + perStatement);
    try {
      await trx.transaction((sp) => (sideStored ? insertOneByOne(sp, ctx, entity, chunk) : insertChunk(sp, ctx, entity, chunk)));
      done.inserted += chunk.length;
    } catch {
      for (const line of chunk) {
        try {
          await trx.transaction((sp) => (sideStored ? insertOneByOne(sp, ctx, entity, [line]) : insertChunk(sp, ctx, entity, [line])));
          done.inserted++;
        } catch (lineError) {
          done.errors.push(refusal(line.line, lineError));
        }
      }
    }
  }
  for (const line of lines.filter((l): l is Update => l.kind === 'update')) {
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
  const values: unknown[] = [];
  for (const line of chunk) for (const f of s.inserted) values.push(dbValue(f, line.record[f.name]));
  values.push(entity.name, ctx.userId);
  // The records come back only for the hooks that read them.
  const watched = ctx.hooks?.watches(entity.name) ?? false;
  const rows = await run(trx, s.insertMany(chunk.length, watched), values);
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
