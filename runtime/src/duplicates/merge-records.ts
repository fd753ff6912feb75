import { isUuid, quoteIdent, type EntityModel } from '@tessera/core';
import type { Knex } from 'knex';
import type { Row } from '../db/statement';
import { deleteRecord, getRecord, recordFor, updateRecord, type RecordContext } from '../records/operations';
import { RecordError } from '../records/record-error';
import { moveHistoryAndShares, repointReferences } from './repoint-references';

/** What a merge asks: the records merged into the survivor, and the values the survivor takes (a PATCH body). */
export interface MergeRequest {
  readonly from: readonly string[];
  readonly values?: Row;
}

/**
 * Merges records into a survivor, in one transaction: the caller must be able to update the survivor and delete each
 * merged record; then every reference to a merged record points to the survivor, their history and shares move to
 * it, they are deleted through the records layer (so delete hooks cancel their processes), the survivor takes the
 * chosen values (checked like a PATCH) and its history records the merge. Any failure undoes all of it.
 */
export async function mergeRecords(ctx: RecordContext, entity: EntityModel, id: string, request: MergeRequest): Promise<Row> {
  if (![id, ...request.from].every(isUuid)) throw new RecordError('notFound');
  return ctx.db.transaction(async (trx) => {
    const tx: RecordContext = { ...ctx, db: trx };
    await lockRecords(trx, entity, [id, ...request.from]);
    await recordFor(tx, entity, id, 'update');
    for (const merged of request.from) await recordFor(tx, entity, merged, 'delete');
    await repointReferences(trx, ctx.app, entity, id, request.from, ctx.userId);
    await moveHistoryAndShares(trx, entity, id, request.from);
    for (const merged of request.from) await deleteRecord(tx, entity, merged);
    const values = request.values ?? {};
    const survivor = Object.keys(values).length ? await updateRecord(tx, entity, id, values) : await getRecord(tx, entity, id);
    await trx.raw(`insert into tessera_history (entity, record_id, action, changes, user_id, step) values (?, ?, 'merge', '{}', ?, ?::jsonb)`,
      [entity.name, id, ctx.userId, JSON.stringify({ merged: request.from })]);
    return survivor;
  });
}

/** Locks the rows in one order, so that two merges over the same records wait for each other instead of deadlocking. */
async function lockRecords(trx: Knex.Transaction, entity: EntityModel, ids: readonly string[]): Promise<void> {
  await trx.raw(`select "id" from ${quoteIdent(entity.table)} where "id" = any(?::uuid[]) order by "id" for update`, [[...ids].sort()]);
}
