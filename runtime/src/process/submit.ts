import { isUuid, quoteIdent, type EntityModel } from '@tessera/core';
import type { Knex } from 'knex';
import type { Row } from '../db/statement';
import { recordFor, type RecordContext } from '../records/operations';
import { RecordError } from '../records/record-error';
import type { ProcessEngine } from './engine';
import { ProcessError } from './process-error';
import { retryDeadlocks } from './retry';
import { runningOn } from './store';
import { entryHolds, processesOn } from './triggers';

/**
 * Submits a record for approval: the caller must be able to edit it; the first submit process (by name) whose entry
 * condition holds starts. A record already in a submitted process answers "running"; none applying answers "none".
 */
export async function submitRecord(engine: ProcessEngine, ctx: RecordContext & { db: Knex; userId: string }, entity: EntityModel, id: string, comment?: string): Promise<string> {
  return ctx.db.transaction(async (trx) => {
    const record = await editableLocked(trx, ctx, entity, id);
    if ((await runningOn(trx, entity.name, id, 'submit')).length) throw new ProcessError('running', 'The record is already submitted and waits for approval.');
    for (const process of processesOn(engine.app, entity.name, 'submit')) {
      if (!(await entryHolds(engine, trx, process, record, ctx.userId))) continue;
      const instance = await engine.start(trx, { process: process.name, recordId: id, trigger: 'submit', actor: ctx.userId, submittedBy: ctx.userId, ...(comment ? { comment } : {}) });
      return instance!.id;
    }
    throw new ProcessError('none', 'No approval process applies to this record as it is.');
  });
}

/** Starts a manual process by name on a record the caller can edit. */
export async function startManual(engine: ProcessEngine, ctx: RecordContext & { db: Knex; userId: string }, entity: EntityModel, id: string, name: string): Promise<string> {
  const process = engine.app.processes[name];
  if (!process || process.entity !== entity.name || process.trigger.on !== 'manual') throw new ProcessError('notFound', `No manual process "${name}" runs on ${entity.name}.`);
  return ctx.db.transaction(async (trx) => {
    if (!(await entryHolds(engine, trx, process, await editableLocked(trx, ctx, entity, id), ctx.userId))) throw new ProcessError('none', `Process "${name}" does not apply to this record as it is.`);
    return (await engine.start(trx, { process: name, recordId: id, trigger: 'manual', actor: ctx.userId, submittedBy: ctx.userId }))!.id;
  });
}

/** Recalls a submission: only its submitter, only while it runs, and only when the process allows recall (the default). */
export async function recallRecord(engine: ProcessEngine, db: Knex, userId: string, entity: EntityModel, id: string): Promise<string> {
  return retryDeadlocks(() => db.transaction(async (trx) => {
    const [instance] = await runningOn(trx, entity.name, id, 'submit');
    if (!instance) throw new ProcessError('notRunning', 'The record is not waiting for approval.');
    if (instance.submittedBy !== userId) throw new ProcessError('forbidden', 'Only the submitter can recall a submission.');
    const px = await engine.open(trx, instance, userId);
    if (px.process.allowRecall === false) throw new ProcessError('forbidden', 'This process does not allow recall.');
    await engine.end(px, 'recalled', { event: 'recalled' });
    return instance.id;
  }));
}

/**
 * The record, locked for the transaction (so a submit and an edit of it happen one after the other), if the caller
 * may edit it: read once, under the lock, as the entry condition then sees it.
 */
async function editableLocked(trx: Knex.Transaction, ctx: RecordContext, entity: EntityModel, id: string): Promise<Row> {
  if (!isUuid(id)) throw new RecordError('notFound');
  await trx.raw(`select 1 from ${quoteIdent(entity.table)} where id = ? for update`, [id]);
  return recordFor({ ...ctx, db: trx }, entity, id, 'update');
}
