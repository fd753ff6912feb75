import type { AppModel } from '@tessera/core';
import type { Knex } from 'knex';
import type { Catalog } from './catalog';
import type { Step } from './step';

/** The table holding every applied model, its hash and its plan. */
export const HISTORY_TABLE = 'tessera_metadata_history';
/** The table recording every archive of dropped or narrowed data. */
export const ARCHIVES_TABLE = 'tessera_archives';

/** One applied migration. */
export interface HistoryEntry {
  readonly id: number;
  readonly hash: string;
  readonly appliedAt: Date;
  readonly plan: readonly Step[];
}

/** Creates the migrator's bookkeeping tables when they are missing (run under the migration lock). */
export async function ensureBookkeeping(db: Knex.Transaction): Promise<void> {
  await db.raw(`create table if not exists ${HISTORY_TABLE} (
    id integer generated always as identity primary key,
    hash text not null,
    applied_at timestamptz not null default now(),
    model jsonb not null,
    plan jsonb not null)`);
  await db.raw(`create table if not exists ${ARCHIVES_TABLE} (
    id integer generated always as identity primary key,
    archive_table text not null,
    source_table text not null,
    source_column text,
    step_kind text not null,
    rows integer not null,
    history_id integer not null references ${HISTORY_TABLE} (id),
    created_at timestamptz not null default now(),
    restored_at timestamptz)`);
}

/** The last applied model, if a migration ever ran here. */
export async function appliedModel(db: Knex | Knex.Transaction, catalog: Catalog): Promise<AppModel | undefined> {
  if (!catalog.has(HISTORY_TABLE)) return undefined;
  const row = await db(HISTORY_TABLE).select('model').orderBy('id', 'desc').first() as { model: AppModel } | undefined;
  return row?.model;
}

/** Records an applied model with its plan, and answers the history row's id. */
export async function recordHistory(db: Knex.Transaction, app: AppModel, steps: readonly Step[]): Promise<number> {
  const [row] = await db(HISTORY_TABLE).insert({ hash: app.hash, model: JSON.stringify(app), plan: JSON.stringify(steps) }).returning('id') as Array<{ id: number }>;
  return row!.id;
}

/** Every applied migration, oldest first. */
export async function readHistory(db: Knex | Knex.Transaction): Promise<HistoryEntry[]> {
  const rows = await db(HISTORY_TABLE).select('id', 'hash', 'applied_at', 'plan').orderBy('id') as Array<{ id: number; hash: string; applied_at: string; plan: Step[] }>;
  return rows.map((r) => ({ id: r.id, hash: r.hash, appliedAt: new Date(r.applied_at), plan: r.plan }));
}
