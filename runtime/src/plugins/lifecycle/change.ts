import type { AppModel } from '@tessera/core';
import type { Knex } from 'knex';
import { apply } from '../../migrator/apply';
import { at } from '../../migrator/ddl';
import { blockedSteps, destructiveSteps, plan, type MigrationPlan } from '../../migrator/plan';
import type { StepKindName } from '../../migrator/step';
import type { FileChanges } from './file-changes';
import { outcome, type LifecycleContext, type LifecycleOutcome, type OutcomeBase } from './outcome';
import { PluginLifecycleError, problem, type PluginProblem } from './problems';

/**
 * How a change treats destructive steps: refuse them (install, upgrade), allow only a removal's archived drops, or
 * allow them all (--allow-destructive; every destructive step archives its data first).
 */
export type DestructivePolicy = 'refuse' | 'archivedDrops' | 'allow';

/** The destructive steps a removal may run: each archives what it drops first, and a reinstall restores it. */
const ARCHIVED_DROPS: ReadonlySet<StepKindName> = new Set(['dropTable', 'dropColumn']);

/** The database stage of a change whose files are in place. */
export interface ChangeSpec {
  readonly app: AppModel;
  readonly files: FileChanges;
  readonly destructive: DestructivePolicy;
  /** Work in the migration's transaction, given its history id (data migrations, restores, bookkeeping). */
  readonly alongside: (trx: Knex.Transaction, historyId: number) => Promise<void>;
}

/** What keeps a plan from running under a policy: blocked steps, or destructive steps the policy does not allow. */
export function planProblems(planned: MigrationPlan, policy: DestructivePolicy): PluginProblem[] {
  const blocked = blockedSteps(planned).length;
  if (blocked) return [problem('plan.blocked', { count: blocked })];
  const destructive = destructiveSteps(planned);
  const name = (s: (typeof destructive)[number]) => `${s.kind} ${at(s.table, s.column)}`;
  if (policy === 'allow') return [];
  if (policy === 'refuse') return destructive.length ? [problem('plan.destructive', { count: destructive.length, steps: destructive.map(name).join(', ') })] : [];
  return destructive.filter((s) => !ARCHIVED_DROPS.has(s.kind) || !s.archive).map((s) => problem('plan.unarchived', { step: name(s) }));
}

/**
 * Plans the migration to the changed app, refuses what the policy does not allow, and applies it with the work
 * alongside in one transaction (or stops after the plan). Files go back whenever nothing was applied; when it was, they
 * stay and the backups go.
 */
export async function migrateChange(ctx: LifecycleContext, spec: ChangeSpec, base: OutcomeBase): Promise<LifecycleOutcome> {
  const planned = await plan(ctx.db, spec.app);
  const problems = planProblems(planned, spec.destructive);
  if (problems.length || !ctx.apply) {
    await spec.files.rollback();
    return outcome(problems.length ? 'refused' : 'planned', { ...base, plan: planned, problems });
  }
  const result = await apply(ctx.db, spec.app, {
    allowDestructive: spec.destructive !== 'refuse',
    alongside: async (trx, applied) => {
      // Planned again under the migration lock: what changed since must still pass the policy.
      const late = planProblems(applied.plan, spec.destructive);
      if (late.length) throw new PluginLifecycleError(late);
      await spec.alongside(trx, applied.historyId);
    },
  });
  if (result.status === 'refused') {
    await spec.files.rollback();
    return outcome('refused', { ...base, plan: result.plan, problems: planProblems(result.plan, spec.destructive) });
  }
  await spec.files.commit();
  return outcome('applied', { ...base, plan: result.plan, ...(result.status === 'applied' ? { historyId: result.historyId } : {}) });
}

/** Runs a lifecycle step; a refusal thrown anywhere in it puts the files back and becomes a refused outcome. */
export async function guarded(files: FileChanges, base: () => OutcomeBase, body: () => Promise<LifecycleOutcome>): Promise<LifecycleOutcome> {
  try {
    return await body();
  } catch (error) {
    await files.rollback();
    if (error instanceof PluginLifecycleError) return outcome('refused', { ...base(), problems: error.problems, issues: error.issues });
    throw error;
  }
}
