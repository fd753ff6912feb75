import { quoteIdent } from '@tessera/core';
import type { Knex } from 'knex';
import { lockMigrations } from './apply';
import { findArchive, type ArchiveRecord } from './archive';
import { readCatalog, type LiveTable } from './catalog';
import { conversionExpression } from './conversion';
import { ARCHIVES_TABLE } from './history';

/** Why an archive cannot be restored. */
export class RestoreError extends Error {
  override readonly name = 'RestoreError';
}

/**
 * Puts archived data back, in one transaction under the migration lock: a column's values into the rows with the same
 * ids, or a table's rows into the table. The table (and column) must exist again: add the entity or field back to the
 * metadata and migrate first. Answers the number of rows restored.
 */
export async function restoreArchive(db: Knex, id: number): Promise<{ rows: number }> {
  return db.transaction(async (trx) => {
    await lockMigrations(trx);
    const archive = await findArchive(trx, id);
    if (!archive) throw new RestoreError(`there is no archive ${id}`);
    if (archive.restoredAt) throw new RestoreError(`archive ${id} was already restored at ${archive.restoredAt.toISOString()}`);
    const catalog = await readCatalog(trx);
    const target = catalog.get(archive.sourceTable);
    const saved = catalog.get(archive.archiveTable);
    if (!saved) throw new RestoreError(`the archive table ${archive.archiveTable} is missing`);
    if (!target) throw new RestoreError(`table ${archive.sourceTable} does not exist: add its entity back to the metadata and migrate, then restore`);
    const rows = archive.sourceColumn ? await restoreColumn(trx, archive, archive.sourceColumn, target, saved) : await restoreRows(trx, archive, target, saved);
    await trx(ARCHIVES_TABLE).where({ id }).update({ restored_at: trx.fn.now() });
    return { rows };
  });
}

async function restoreColumn(trx: Knex.Transaction, archive: ArchiveRecord, column: string, target: LiveTable, saved: LiveTable): Promise<number> {
  const current = target.columns.get(column);
  if (!current) throw new RestoreError(`column ${archive.sourceTable}.${column} does not exist: add its field back to the metadata and migrate, then restore`);
  const value = conversionExpression(`a.${quoteIdent(column)}`, saved.columns.get(column)!.type, current.type);
  const result = await trx.raw(`update ${quoteIdent(target.name)} t set ${quoteIdent(column)} = ${value} from ${quoteIdent(saved.name)} a where t."id" = a."id"`);
  return result.rowCount ?? 0;
}

async function restoreRows(trx: Knex.Transaction, archive: ArchiveRecord, target: LiveTable, saved: LiveTable): Promise<number> {
  const columns = [...saved.columns.values()].filter((c) => target.columns.has(c.name));
  const names = columns.map((c) => quoteIdent(c.name)).join(', ');
  const values = columns.map((c) => conversionExpression(`a.${quoteIdent(c.name)}`, c.type, target.columns.get(c.name)!.type)).join(', ');
  const result = await trx.raw(`insert into ${quoteIdent(target.name)} (${names}) select ${values} from ${quoteIdent(saved.name)} a`);
  if ((result.rowCount ?? 0) !== archive.rows) throw new RestoreError(`restored ${result.rowCount} of the ${archive.rows} archived rows of ${archive.sourceTable}`);
  return result.rowCount ?? 0;
}
