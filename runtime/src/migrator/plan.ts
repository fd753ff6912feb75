import type { AppModel } from '@tessera/core';
import type { Knex } from 'knex';
import { readCatalog } from './catalog';
import { diffSchema } from './diff';
import { appliedModel } from './history';
import type { Step } from './step';
import { runOrder } from './steps';

/** What migrating the database to a model would do, step by step, with the data each step touches. */
export interface MigrationPlan {
  readonly app: string;
  readonly hash: string;
  /** The hash of the model applied last, if any. */
  readonly appliedHash?: string;
  readonly steps: readonly Step[];
}

const isTransaction = (db: Knex | Knex.Transaction): db is Knex.Transaction => (db as Knex.Transaction).isTransaction === true;

/**
 * Plans the migration of the database to a model: diffs the model, the live catalog and the last applied model, and
 * measures the data. Runs in the given transaction, or in one of its own that it rolls back (it writes nothing).
 */
export async function plan(db: Knex | Knex.Transaction, app: AppModel): Promise<MigrationPlan> {
  if (isTransaction(db)) return planIn(db, app);
  const trx = await db.transaction();
  try {
    return await planIn(trx, app);
  } finally {
    await trx.rollback();
  }
}

async function planIn(trx: Knex.Transaction, app: AppModel): Promise<MigrationPlan> {
  const catalog = await readCatalog(trx);
  const previous = await appliedModel(trx, catalog);
  const pending = diffSchema(app, catalog, previous)
    .map((step, found) => ({ step, found }))
    .sort((a, b) => runOrder(a.step.kind) - runOrder(b.step.kind) || a.found - b.found);
  const steps: Step[] = [];
  // One at a time: the transaction is a single session.
  for (const { step } of pending) steps.push(await step.build(trx));
  return { app: app.name, hash: app.hash, ...(previous ? { appliedHash: previous.hash } : {}), steps };
}

/** The steps that cannot run as the data stands. */
export const blockedSteps = (p: MigrationPlan): Step[] => p.steps.filter((s) => s.blocked !== undefined);

/** The steps that need --allow-destructive. */
export const destructiveSteps = (p: MigrationPlan): Step[] => p.steps.filter((s) => s.safety === 'destructive');
