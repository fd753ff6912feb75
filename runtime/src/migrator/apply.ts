import type { AppModel } from '@tessera/core';
import type { Knex } from 'knex';
import { archiveBeforeStep } from './archive';
import { ensureIndexFunctions } from './derived-indexes';
import { run } from './ddl';
import { ensureBookkeeping, recordHistory } from './history';
import { blockedSteps, destructiveSteps, plan, type MigrationPlan } from './plan';

/** What an apply did: applied the plan, found nothing to do, or refused (destructive steps without the flag, or blocked steps). */
export type ApplyResult =
  | { readonly status: 'applied'; readonly plan: MigrationPlan; readonly historyId: number }
  | { readonly status: 'unchanged'; readonly plan: MigrationPlan }
  | { readonly status: 'refused'; readonly plan: MigrationPlan; readonly reason: 'blocked' | 'destructive' };

/** Options of apply. */
export interface ApplyOptions {
  /** Run destructive steps too (their data is archived first). */
  readonly allowDestructive?: boolean;
  /** Work that commits or rolls back with the migration, run after its steps (a plugin's data migrations). */
  readonly alongside?: (trx: Knex.Transaction, applied: { readonly plan: MigrationPlan; readonly historyId: number }) => Promise<void>;
}

/**
 * Migrates the database to a model in one transaction under an advisory lock: plans under the lock (so a second
 * instance starting together finds nothing left to do), archives before destructive steps, runs every statement and
 * records the model and plan in the history. Any failure rolls everything back.
 */
export async function apply(db: Knex, app: AppModel, options: ApplyOptions = {}): Promise<ApplyResult> {
  const trx = await db.transaction();
  try {
    const result = await applyIn(trx, app, options);
    // A refused or empty migration undoes even the bookkeeping tables: the database stays exactly as it was.
    await (result.status === 'applied' ? trx.commit() : trx.rollback());
    return result;
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}

async function applyIn(trx: Knex.Transaction, app: AppModel, options: ApplyOptions): Promise<ApplyResult> {
  await lockMigrations(trx);
  await ensureBookkeeping(trx);
  const planned = await plan(trx, app);
  if (blockedSteps(planned).length) return { status: 'refused', plan: planned, reason: 'blocked' };
  if (destructiveSteps(planned).length && !options.allowDestructive) return { status: 'refused', plan: planned, reason: 'destructive' };
  if (!planned.steps.length && planned.appliedHash === app.hash) return { status: 'unchanged', plan: planned };
  const historyId = await recordHistory(trx, app, planned.steps);
  await ensureIndexFunctions(trx);
  for (const step of planned.steps) {
    if (step.archive) await archiveBeforeStep(trx, step, historyId);
    for (const statement of step.sql) await run(trx, statement);
  }
  await options.alongside?.(trx, { plan: planned, historyId });
  return { status: 'applied', plan: planned, historyId };
}

/** Takes the migration lock of the current schema until the transaction ends. */
export async function lockMigrations(trx: Knex.Transaction): Promise<void> {
  // A migration may rewrite big tables: the request-sized statement timeout does not apply inside its transaction.
  await trx.raw('set local statement_timeout = 0');
  await trx.raw(`select pg_advisory_xact_lock(hashtext('tessera.migrate:' || current_schema()))`);
}
