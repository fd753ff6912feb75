import type { PluginRecords } from '@tessera/runtime';

/** A record's fields as plugin code reads them. */
export type Row = Record<string, unknown>;

/** A number from a stored value (numeric columns may come back as text); 0 for none. */
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0) || 0);

/** Rounds money to cents. */
export const round2 = (v: number): number => Math.round(v * 100) / 100;

/** The UTC date of now, YYYY-MM-DD, as schedules' `today` is. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** Writes only what changed, so a value that did not move writes no history and wakes no handler again. */
export async function updateChanged(records: PluginRecords, entity: string, record: Row, values: Row): Promise<void> {
  const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => (record[k] ?? null) !== v));
  if (Object.keys(changed).length) await records.update(entity, record.id as string, changed);
}

/** Whether any of the fields differs between a write's before and after (a create or delete changes them all). */
export const changedAny = (before: Row | undefined, after: Row | undefined, fields: readonly string[]): boolean =>
  !before || !after || fields.some((f) => (before[f] ?? null) !== (after[f] ?? null));
