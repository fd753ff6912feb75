import type { EntityModel } from '@tessera/core';
import type { Knex } from 'knex';
import { apiNormalizer } from './serialize';

/** One audited change: what happened to which record, by whom, and each changed field's old and new value. */
export interface RecordHistoryEntry {
  readonly entity: string;
  readonly recordId: string;
  readonly action: 'create' | 'update' | 'delete' | 'process' | 'merge';
  readonly changes: Readonly<Record<string, { readonly old: unknown; readonly new: unknown }>>;
  readonly userId: string | null;
  /**
   * For a process step (action "process"): the process, its instance and what happened (see process/history-steps.ts);
   * for a merge: {"merged": [ids]}, the records merged into this one (duplicates/merge-records.ts).
   */
  readonly step?: Readonly<Record<string, unknown>>;
}

/** Creates the history table if it is missing (idempotent; every instance may call it at start). */
export async function ensureHistoryTable(db: Knex | Knex.Transaction): Promise<void> {
  await db.raw(`
    create table if not exists tessera_history (
      id bigserial primary key, entity text not null, record_id uuid not null, action text not null,
      changes jsonb not null, user_id uuid, at timestamptz not null default now(), step jsonb);
    alter table tessera_history add column if not exists step jsonb;
    create index if not exists tessera_history_record_idx on tessera_history (entity, record_id, id)`);
}

/**
 * SQL for a history row's changes between two rows (references to rows selected under the API's field names; null
 * for none): {field: {old, new}} for each field whose value differs, except the ignored ones. Written in SQL so a
 * write and its audit row are one statement; readRecordHistory gives the values the API's shapes back.
 */
export function changesSql(before: string | null, after: string | null, ignored: readonly string[]): string {
  const side = (row: string | null) => (row ? `jsonb_each(to_jsonb(${row}))` : `jsonb_each('{}'::jsonb)`);
  const skip = ignored.length ? ` and coalesce(n.key, o.key) not in (${ignored.map((k) => `'${k}'`).join(', ')})` : '';
  return `(select coalesce(jsonb_object_agg(coalesce(n.key, o.key), jsonb_build_object('old', coalesce(o.value, 'null'), 'new', coalesce(n.value, 'null'))), '{}')
    from ${side(after)} n full join ${side(before)} o on o.key = n.key
    where coalesce(n.value, 'null') is distinct from coalesce(o.value, 'null')${skip})`;
}

type Changes = RecordHistoryEntry['changes'];

/** Each change's values as the API shows the field (instants as ISO text); fields since removed keep their JSON. */
function apiChanges(entity: EntityModel, changes: Changes): Changes {
  const out: Record<string, { old: unknown; new: unknown }> = {};
  for (const [name, change] of Object.entries(changes)) {
    const normalize = apiNormalizer(entity, name);
    const shown = (value: unknown) => (value === null || value === undefined || !normalize ? value ?? null : normalize(value));
    out[name] = { old: shown(change.old), new: shown(change.new) };
  }
  return out;
}

/** A record's history, newest first: field changes and process steps in one timeline. */
export async function readRecordHistory(db: Knex | Knex.Transaction, entity: EntityModel, recordId: string): Promise<Array<RecordHistoryEntry & { id: string; at: string }>> {
  const rows = (await db.raw('select id, entity, record_id, action, changes, user_id, at, step from tessera_history where entity = ? and record_id = ? order by id desc', [entity.name, recordId])).rows;
  return rows.map((r: Record<string, unknown>) => ({
    id: String(r.id), entity: r.entity, recordId: r.record_id, action: r.action, changes: apiChanges(entity, r.changes as Changes), userId: r.user_id, at: r.at,
    ...(r.step ? { step: r.step as Record<string, unknown> } : {}),
  }));
}
