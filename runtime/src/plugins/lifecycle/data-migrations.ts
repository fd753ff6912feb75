import { createHash } from 'node:crypto';
import type { PluginManifest } from '@tessera/metadata';
import type { Knex } from 'knex';
import semver from 'semver';
import { recordMigration } from './bookkeeping';
import { PluginLifecycleError, problem, type PluginProblem } from './problems';

/** A data migration a plugin ships: migrations/<version>.sql, run when upgrading past that version. */
export interface DataMigration {
  readonly version: string;
  readonly file: string;
  readonly sql: string;
  readonly sha256: string;
}

const MIGRATION_FILE = /^migrations\/([^/]+)\.sql$/;

/** Every data migration among a plugin's files, in semver order (1.0.9 before 1.0.10). */
export function dataMigrations(files: ReadonlyMap<string, Buffer>): DataMigration[] {
  const found: DataMigration[] = [];
  for (const [file, data] of files) {
    const version = MIGRATION_FILE.exec(file)?.[1];
    if (version === undefined || !semver.valid(version)) continue;
    found.push({ version, file, sql: data.toString('utf8'), sha256: createHash('sha256').update(data).digest('hex') });
  }
  return found.sort((a, b) => semver.compare(a.version, b.version));
}

/** Data migration files not named after a version up to the plugin's own (they would never run). */
export function migrationNameProblems(files: ReadonlyMap<string, Buffer>, manifest: PluginManifest): PluginProblem[] {
  return [...files.keys()]
    .filter((file) => {
      const version = MIGRATION_FILE.exec(file)?.[1];
      return version !== undefined && !(semver.valid(version) && version === semver.clean(version) && semver.lte(version, manifest.version));
    })
    .map((file) => problem('migration.name', { file, version: manifest.version }));
}

/**
 * The migrations an upgrade runs: those above the installed version up to the new one, in semver order, except any
 * the database records as run already.
 */
export function pendingMigrations(all: readonly DataMigration[], installed: string, target: string, ran: ReadonlySet<string>): DataMigration[] {
  return all.filter((m) => semver.gt(m.version, installed) && semver.lte(m.version, target) && !ran.has(m.version));
}

/** Runs data migrations in the migration's transaction, recording each; a failing one refuses the upgrade, named. */
export async function runDataMigrations(trx: Knex.Transaction, plugin: string, migrations: readonly DataMigration[], historyId: number): Promise<void> {
  for (const m of migrations) {
    try {
      await trx.raw(m.sql);
    } catch (error) {
      throw new PluginLifecycleError([problem('migration.failed', { file: m.file, reason: (error as Error).message })]);
    }
    await recordMigration(trx, { plugin, version: m.version, sha256: m.sha256, historyId });
  }
}
