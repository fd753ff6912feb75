import type { Knex } from 'knex';
import { deliveryKind, isOutboxKind } from './kinds';
import { pageOf, type PageQuery } from './page-query';
import { OUTBOX_TABLE } from './tables';

/** The states of an outbox row. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** An outbox row as admins see it, its payload with credentials masked by its kind. */
export interface OutboxView {
  readonly id: string;
  readonly key: string;
  readonly kind: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAt: string | null;
  readonly leaseUntil: string | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
  readonly payload: unknown;
}

interface Row {
  id: string; key: string; kind: string; status: OutboxStatus; attempts: number; payload: unknown; next_at: string | null;
  lease_until: string | null; last_error: string | null; created_at: string; sent_at: string | null;
}

const COLUMNS = ['id', 'key', 'kind', 'status', 'attempts', 'payload', 'next_at', 'lease_until', 'last_error', 'created_at', 'sent_at'];

const view = (r: Row): OutboxView => ({
  id: String(r.id), key: r.key, kind: r.kind, status: r.status, attempts: r.attempts, nextAt: r.next_at, leaseUntil: r.lease_until,
  lastError: r.last_error, createdAt: r.created_at, sentAt: r.sent_at,
  payload: isOutboxKind(r.kind) ? deliveryKind(r.kind).redact(r.payload as never) : r.payload,
});

/** Whether text is an outbox id (a bigserial: digits, within bigint). */
export const isOutboxId = (id: unknown): id is string => typeof id === 'string' && /^[1-9]\d{0,17}$/.test(id);

/** A page of the outbox, newest first, optionally of one status, and the cursor of the next page. */
export async function listOutbox(knex: Knex, q: PageQuery & { status?: OutboxStatus }): Promise<{ data: OutboxView[]; next: string | null }> {
  const query = knex(OUTBOX_TABLE).select(COLUMNS).orderBy('id', 'desc').limit(q.limit + 1);
  if (q.status) query.where('status', q.status);
  if (q.after) query.where('id', '<', q.after[0] as string);
  const page = pageOf(await query as Row[], q.limit, (r) => [String(r.id)]);
  return { data: page.rows.map(view), next: page.next };
}

/** Sends a dead row again: back to pending, due now, its tries reset (last_error kept until it succeeds). */
export async function retryDead(knex: Knex, id: string): Promise<OutboxView | 'not-found' | 'not-dead'> {
  const [row] = await knex(OUTBOX_TABLE).where({ id, status: 'dead' })
    .update({ status: 'pending', attempts: 0, next_at: knex.fn.now(), lease_until: null }, COLUMNS) as Row[];
  if (row) return view(row);
  return (await knex(OUTBOX_TABLE).where({ id }).first('id')) ? 'not-dead' : 'not-found';
}
