import type { Knex } from 'knex';

/** One audited change: what happened to which record, by whom, and each changed field's old and new value. */
export interface RecordHistoryEntry {
  readonly entity: string;
  readonly recordId: string;
  readonly action: 'create' | 'update' | 'delete';
  readonly changes: Readonly<Record<string, { readonly old: unknown; readonly new: unknown }>>;
  readonly userId: string | null;
}

/** Creates the history table if it is missing (idempotent; every instance may call it at start). */
export async function ensureHistoryTable(db: Knex | Knex.Transaction): Promise<void> {
  await db.raw(`
    create table if not exists tessera_history (
      id bigserial primary key, entity text not null, record_id uuid not null, action text not null,
      changes jsonb not null, user_id uuid, at timestamptz not null default now());
    create index if not exists tessera_history_record_idx on tessera_history (entity, record_id, id)`);
}

/** Writes a history row, in the caller's transaction. */
export async function writeHistory(trx: Knex.Transaction, entry: RecordHistoryEntry): Promise<void> {
  await trx.raw('insert into tessera_history (entity, record_id, action, changes, user_id) values (?, ?, ?, ?, ?)',
    [entry.entity, entry.recordId, entry.action, JSON.stringify(entry.changes), entry.userId]);
}

/** The changes between two versions of a record, field by field (JSON equality). */
export function diffRecords(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>, fields: readonly string[]): RecordHistoryEntry['changes'] {
  const changes: Record<string, { old: unknown; new: unknown }> = {};
  for (const name of fields) {
    const old = before[name] ?? null;
    const next = after[name] ?? null;
    if (JSON.stringify(old) !== JSON.stringify(next)) changes[name] = { old, new: next };
  }
  return changes;
}

/** A record's history, newest first. */
export async function readRecordHistory(db: Knex | Knex.Transaction, entity: string, recordId: string): Promise<Array<RecordHistoryEntry & { id: string; at: Date }>> {
  const rows = (await db.raw('select id, entity, record_id, action, changes, user_id, at from tessera_history where entity = ? and record_id = ? order by id desc', [entity, recordId])).rows;
  return rows.map((r: Record<string, unknown>) => ({ id: String(r.id), entity: r.entity, recordId: r.record_id, action: r.action, changes: r.changes, userId: r.user_id, at: r.at }));
}
