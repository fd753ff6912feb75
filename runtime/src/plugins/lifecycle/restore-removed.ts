import type { AppModel } from '@tessera/core';
import type { Knex } from 'knex';
import { findArchive, type ArchiveRecord } from '../../migrator/archive';
import { desiredSchema } from '../../migrator/desired-schema';
import { ARCHIVES_TABLE } from '../../migrator/history';
import { restoreArchive, RestoreError } from '../../migrator/restore';
import { readPlugin, tableExists } from './bookkeeping';
import { PluginLifecycleError, problem } from './problems';

/** The data a reinstall puts back: the archives of the plugin's removal, and which of them the new model has room for. */
export interface PlannedRestores {
  /** The removal the archives come from. */
  readonly removed?: { readonly version: string; readonly historyId: number };
  /** Archives restored with the install, in the order they run (tables before the columns that may point at them). */
  readonly restore: readonly ArchiveRecord[];
  /** Archives whose table or column the installed version lacks: they stay in the archive, restorable later. */
  readonly kept: readonly ArchiveRecord[];
}

/** What reinstalling a plugin would restore from its last removal (nothing when it was never removed here). */
export async function planRestores(db: Knex, app: AppModel, plugin: string): Promise<PlannedRestores> {
  const record = await readPlugin(db, plugin);
  if (record?.status !== 'removed' || !(await tableExists(db, ARCHIVES_TABLE))) return { restore: [], kept: [] };
  const ids = await db(ARCHIVES_TABLE).where({ history_id: record.historyId }).whereNull('restored_at').orderBy('id').pluck('id') as number[];
  const archives = (await Promise.all(ids.map((id) => findArchive(db, id)))).filter((a): a is ArchiveRecord => a !== undefined);
  const schema = desiredSchema(app);
  const fits = (a: ArchiveRecord) => {
    const table = schema.get(a.sourceTable);
    return table !== undefined && (a.sourceColumn === undefined || table.columns.some((c) => c.name === a.sourceColumn));
  };
  const tables = referencedFirst(archives.filter((a) => fits(a) && a.sourceColumn === undefined), app);
  const columns = archives.filter((a) => fits(a) && a.sourceColumn !== undefined);
  return { removed: { version: record.version, historyId: record.historyId }, restore: [...tables, ...columns], kept: archives.filter((a) => !fits(a)) };
}

/** Restores the planned archives inside the install's transaction; a failure refuses the install, naming the archive. */
export async function restoreRemoved(trx: Knex.Transaction, planned: PlannedRestores): Promise<number> {
  let rows = 0;
  for (const archive of planned.restore) {
    try {
      rows += (await restoreArchive(trx, archive.id)).rows;
    } catch (error) {
      if (!(error instanceof RestoreError) && !(error as { code?: string }).code) throw error;
      throw new PluginLifecycleError([problem('restore.failed', { archive: archive.id, reason: (error as Error).message })]);
    }
  }
  return rows;
}

// Rows go back before rows that point at them: a table's archive waits for the tables its foreign keys reference.
function referencedFirst(archives: readonly ArchiveRecord[], app: AppModel): ArchiveRecord[] {
  const schema = desiredSchema(app);
  const pending = new Map(archives.map((a) => [a.sourceTable, a]));
  const ordered: ArchiveRecord[] = [];
  const visit = (table: string, trail: Set<string>) => {
    const archive = pending.get(table);
    if (!archive || trail.has(table)) return;
    trail.add(table);
    for (const fk of schema.get(table)?.foreignKeys ?? []) if (fk.table !== table) visit(fk.table, trail);
    if (pending.delete(table)) ordered.push(archive);
  };
  for (const archive of archives) visit(archive.sourceTable, new Set());
  return ordered;
}
