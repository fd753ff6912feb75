import { quoteIdent } from '@tessera/core';
import type { Knex } from 'knex';
import { ARCHIVES_TABLE } from './history';
import { identifier } from './names';
import type { Step } from './step';

/** An archive of dropped or narrowed data, as tessera_archives records it. */
export interface ArchiveRecord {
  readonly id: number;
  readonly archiveTable: string;
  readonly sourceTable: string;
  /** The archived column (kept with the row ids), or undefined for a whole table. */
  readonly sourceColumn?: string;
  readonly stepKind: string;
  readonly rows: number;
  readonly createdAt: Date;
  readonly restoredAt?: Date;
}

/** Copies the data a step is about to drop or rewrite into an archive table, recorded in tessera_archives. */
export async function archiveBeforeStep(db: Knex.Transaction, step: Step, historyId: number): Promise<number> {
  const column = step.archive === 'column' ? step.column : undefined;
  const [row] = await db(ARCHIVES_TABLE)
    .insert({ archive_table: '', source_table: step.table, source_column: column ?? null, step_kind: step.kind, rows: 0, history_id: historyId })
    .returning('id') as Array<{ id: number }>;
  const id = row!.id;
  const archive = identifier(`tessera_archive_${id}_${step.table}${column ? `_${column}` : ''}`);
  const source = column ? `select "id", ${quoteIdent(column)} from ${quoteIdent(step.table)} where ${quoteIdent(column)} is not null` : `select * from ${quoteIdent(step.table)}`;
  const created = await db.raw(`create table ${quoteIdent(archive)} as ${source}`);
  await db(ARCHIVES_TABLE).where({ id }).update({ archive_table: archive, rows: created.rowCount ?? 0 });
  return id;
}

/** Every archive, newest first. */
export async function listArchives(db: Knex | Knex.Transaction): Promise<ArchiveRecord[]> {
  const rows = await db(ARCHIVES_TABLE).select('*').orderBy('id', 'desc') as Array<Record<string, unknown>>;
  return rows.map(toRecord);
}

/** An archive by id, or undefined. */
export async function findArchive(db: Knex | Knex.Transaction, id: number): Promise<ArchiveRecord | undefined> {
  const row = await db(ARCHIVES_TABLE).where({ id }).first() as Record<string, unknown> | undefined;
  return row ? toRecord(row) : undefined;
}

function toRecord(r: Record<string, unknown>): ArchiveRecord {
  return {
    id: r.id as number,
    archiveTable: r.archive_table as string,
    sourceTable: r.source_table as string,
    ...(r.source_column ? { sourceColumn: r.source_column as string } : {}),
    stepKind: r.step_kind as string,
    rows: r.rows as number,
    createdAt: new Date(r.created_at as string),
    ...(r.restored_at ? { restoredAt: new Date(r.restored_at as string) } : {}),
  };
}
