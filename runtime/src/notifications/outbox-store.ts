import type { Knex } from 'knex';
import type { DeliveryConfig } from './config';
import type { OutboxKind, OutboxPayloads } from './kinds';
import type { AfterFailure } from './retry-policy';
import { OUTBOX_TABLE } from './tables';

/** A claimed outbox row: `attempts` counts this try, and fences the row's later update to this claim. */
export interface ClaimedRow<K extends OutboxKind = OutboxKind> {
  readonly id: string;
  readonly key: string;
  readonly kind: K;
  readonly payload: OutboxPayloads[K];
  readonly attempts: number;
}

/** Queues deliveries of a kind in the caller's transaction; a key already queued (in any state) adds nothing. */
export async function enqueue<K extends OutboxKind>(
  trx: Knex.Transaction, kind: K, rows: ReadonlyArray<{ readonly key: string; readonly payload: OutboxPayloads[K] }>,
): Promise<void> {
  if (rows.length === 0) return;
  await trx(OUTBOX_TABLE).insert(rows.map((r) => ({ key: r.key, kind, payload: JSON.stringify(r.payload) }))).onConflict('key').ignore();
}

/**
 * Gives up rows that are due but have used every try: left 'sending' by a dispatcher that died mid-send (its lease
 * ran out), or pending from before the limit was lowered. Claiming them again would exceed the limit.
 */
export async function buryExhausted(knex: Knex, maxAttempts: number): Promise<number> {
  const buried = await knex.raw(`
    update ${OUTBOX_TABLE} set status = 'dead', lease_until = null, next_at = null,
      last_error = case when status = 'sending'
        then 'try ' || attempts || ' of ' || ?::text || ' was interrupted (its lease ran out)' || coalesce('; before that: ' || last_error, '')
        else coalesce(last_error, 'no tries left') end
    where status in ('pending', 'sending') and next_at <= now() and attempts >= ?`, [maxAttempts, maxAttempts]);
  return buried.rowCount ?? 0;
}

/**
 * Claims up to a batch of due rows of the given kinds with a lease, in one statement that commits before anything is
 * sent: no transaction or connection is held while talking to SMTP or HTTP (PGlite has a single one). SKIP LOCKED lets
 * dispatchers of other instances claim other rows meanwhile. The claim counts as a try, so a row that kills its
 * dispatcher every time still runs out of tries.
 */
export async function claimDue(knex: Knex, kinds: readonly OutboxKind[], config: Pick<DeliveryConfig, 'leaseMs' | 'batchSize'>): Promise<ClaimedRow[]> {
  const claimed = await knex.raw(`
    update ${OUTBOX_TABLE} o
    set status = 'sending', attempts = o.attempts + 1,
      lease_until = now() + ?::float8 * interval '1 millisecond', next_at = now() + ?::float8 * interval '1 millisecond'
    where o.id in (
      select id from ${OUTBOX_TABLE}
      where status in ('pending', 'sending') and next_at <= now() and kind = any(?::text[])
      order by next_at, id
      limit ? for update skip locked)
    returning o.id, o.key, o.kind, o.payload, o.attempts`, [config.leaseMs, config.leaseMs, [...kinds], config.batchSize]);
  return (claimed.rows as Array<ClaimedRow & { id: string | number }>).map((r) => ({ ...r, id: String(r.id) }));
}

// Updates apply only while the row is still this claim's: if the lease ran out and another dispatcher claimed it
// (attempts moved on), the late outcome of the first is dropped.
const ofClaim = (row: ClaimedRow) => ({ id: row.id, status: 'sending', attempts: row.attempts });

/** Marks a claimed row sent; false when the claim had been lost meanwhile. */
export async function markSent(knex: Knex, row: ClaimedRow): Promise<boolean> {
  const n = await knex(OUTBOX_TABLE).where(ofClaim(row))
    .update({ status: 'sent', sent_at: knex.fn.now(), lease_until: null, next_at: null });
  return n > 0;
}

/** Records a failed try: the row is retried after the delay or given up as dead, with the error kept as last_error. */
export async function markFailed(knex: Knex, row: ClaimedRow, outcome: AfterFailure, error: string): Promise<boolean> {
  const next = outcome.dead
    ? { status: 'dead', next_at: null }
    : { status: 'pending', next_at: knex.raw(`now() + ?::float8 * interval '1 millisecond'`, [outcome.delayMs]) };
  const n = await knex(OUTBOX_TABLE).where(ofClaim(row)).update({ ...next, lease_until: null, last_error: error });
  return n > 0;
}
