import type { Knex } from 'knex';
import { HISTORY_TABLE } from '../../migrator/history';

/** Each plugin the lifecycle commands installed, upgraded or removed: its version, state and last migration. */
export const PLUGINS_TABLE = 'tessera_plugins';
/** Each data migration a plugin shipped that ran, with the migration it ran in. */
export const PLUGIN_MIGRATIONS_TABLE = 'tessera_plugin_migrations';

/** What the database remembers of a plugin. */
export interface PluginRecord {
  readonly name: string;
  readonly version: string;
  readonly status: 'installed' | 'removed';
  /** The migration (tessera_metadata_history id) of the last install, upgrade or removal. */
  readonly historyId: number;
}

/** A data migration that ran. */
export interface RanMigration {
  readonly plugin: string;
  readonly version: string;
  readonly sha256: string;
  readonly historyId: number;
}

/** Creates the lifecycle tables when they are missing (inside the migration's transaction). */
export async function ensurePluginTables(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`create table if not exists ${PLUGINS_TABLE} (
    name text primary key,
    version text not null,
    status text not null,
    history_id integer not null references ${HISTORY_TABLE} (id),
    changed_at timestamptz not null default now())`);
  await trx.raw(`create table if not exists ${PLUGIN_MIGRATIONS_TABLE} (
    id integer generated always as identity primary key,
    plugin text not null,
    version text not null,
    sha256 text not null,
    history_id integer not null references ${HISTORY_TABLE} (id),
    applied_at timestamptz not null default now(),
    unique (plugin, version))`);
}

/** Records a plugin's new state, in the transaction of the migration that brought it. */
export async function recordPlugin(trx: Knex.Transaction, record: PluginRecord): Promise<void> {
  await ensurePluginTables(trx);
  await trx(PLUGINS_TABLE)
    .insert({ name: record.name, version: record.version, status: record.status, history_id: record.historyId })
    .onConflict('name').merge({ version: record.version, status: record.status, history_id: record.historyId, changed_at: trx.fn.now() });
}

/** Records a data migration that ran. */
export async function recordMigration(trx: Knex.Transaction, ran: RanMigration): Promise<void> {
  await ensurePluginTables(trx);
  await trx(PLUGIN_MIGRATIONS_TABLE).insert({ plugin: ran.plugin, version: ran.version, sha256: ran.sha256, history_id: ran.historyId });
}

/** What the database remembers of a plugin, if anything. */
export async function readPlugin(db: Knex | Knex.Transaction, name: string): Promise<PluginRecord | undefined> {
  if (!(await tableExists(db, PLUGINS_TABLE))) return undefined;
  const row = await db(PLUGINS_TABLE).where({ name }).first() as { name: string; version: string; status: PluginRecord['status']; history_id: number } | undefined;
  return row && { name: row.name, version: row.version, status: row.status, historyId: row.history_id };
}

/** The data migrations of a plugin that ran, in the order they ran. */
export async function ranMigrations(db: Knex | Knex.Transaction, plugin: string): Promise<RanMigration[]> {
  if (!(await tableExists(db, PLUGIN_MIGRATIONS_TABLE))) return [];
  const rows = await db(PLUGIN_MIGRATIONS_TABLE).where({ plugin }).orderBy('id') as Array<{ plugin: string; version: string; sha256: string; history_id: number }>;
  return rows.map((r) => ({ plugin: r.plugin, version: r.version, sha256: r.sha256, historyId: r.history_id }));
}

/** Whether a table exists in the current schema. */
export async function tableExists(db: Knex | Knex.Transaction, table: string): Promise<boolean> {
  const result = await db.raw('select to_regclass(?) is not null as found', [table]) as { rows: Array<{ found: boolean }> };
  return result.rows[0]!.found;
}
