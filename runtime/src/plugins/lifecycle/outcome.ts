import type { Issue } from '@tessera/core';
import type { Knex } from 'knex';
import type { MigrationPlan } from '../../migrator/plan';
import type { Conflict } from './conflicts';
import type { FollowedRename } from './customizations';
import type { DataMigration } from './data-migrations';
import type { PluginProblem } from './problems';
import type { PlannedRestores } from './restore-removed';

/** Where a lifecycle step runs: the app folder, its database, and whether to apply or only show the plan. */
export interface LifecycleContext {
  readonly appDir: string;
  readonly db: Knex;
  /** false: plan and report, then put every file back (a dry run, or no --yes). */
  readonly apply: boolean;
}

/** What an install, upgrade or removal did, or why it did nothing; everything the report prints. */
export interface LifecycleOutcome {
  readonly status: 'refused' | 'planned' | 'applied';
  readonly action: 'install' | 'upgrade' | 'remove';
  readonly plugin: string;
  readonly version: string;
  /** The version an upgrade replaces. */
  readonly previous?: string;
  /** Where the plugin came from (an archive, a folder, plugins/.removed/...). */
  readonly source?: string;
  readonly plan?: MigrationPlan;
  readonly historyId?: number;
  readonly problems: readonly PluginProblem[];
  /** Metadata issues of the app as the change would leave it (or as it is, when it does not load). */
  readonly issues: readonly Issue[];
  readonly conflicts: readonly Conflict[];
  readonly renames: readonly FollowedRename[];
  readonly migrations: readonly DataMigration[];
  readonly restores?: PlannedRestores;
  /** Where a removal keeps the plugin's folder (relative to the app folder). */
  readonly keptAt?: string;
}

/** The parts of an outcome known before anything is planned. */
export type OutcomeBase = Pick<LifecycleOutcome, 'action' | 'plugin' | 'version'> & Partial<LifecycleOutcome>;

/** An outcome with empty lists filled in. */
export const outcome = (status: LifecycleOutcome['status'], base: OutcomeBase): LifecycleOutcome => ({
  problems: [], issues: [], conflicts: [], renames: [], migrations: [], ...base, status,
});
