import type { Knex } from 'knex';

/** In-app notifications, one row per user and key. */
export const NOTIFICATIONS_TABLE = 'tessera_notifications';
/** Deliveries to the outside world (e-mail, webhooks), written in the business transaction and sent after it. */
export const OUTBOX_TABLE = 'tessera_outbox';

// A row is due when its next_at has come, whether it waits to be tried (pending) or its lease ran out (sending): a
// claim sets next_at to the lease's end, so one partial index on next_at serves both. Sent and dead rows leave it.
const STATEMENTS = [
  `create table if not exists ${NOTIFICATIONS_TABLE} (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references "user"(id) on delete cascade,
    key text not null,
    title text,
    body text,
    entity text,
    record_id uuid,
    link text,
    created_at timestamptz not null default now(),
    read_at timestamptz,
    unique (user_id, key))`,
  `create index if not exists ${NOTIFICATIONS_TABLE}_inbox on ${NOTIFICATIONS_TABLE} (user_id, created_at desc, id desc)`,
  `create index if not exists ${NOTIFICATIONS_TABLE}_unread on ${NOTIFICATIONS_TABLE} (user_id, created_at desc, id desc) where read_at is null`,
  `create table if not exists ${OUTBOX_TABLE} (
    id bigserial primary key,
    key text not null unique,
    kind text not null,
    payload jsonb not null,
    status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'dead')),
    attempts int not null default 0,
    next_at timestamptz default now(),
    lease_until timestamptz,
    last_error text,
    created_at timestamptz not null default now(),
    sent_at timestamptz)`,
  `create index if not exists ${OUTBOX_TABLE}_due on ${OUTBOX_TABLE} (next_at) where status in ('pending', 'sending')`,
  `create index if not exists ${OUTBOX_TABLE}_status on ${OUTBOX_TABLE} (status, id desc)`,
];

/** Creates the tables if missing (idempotent, every instance calls it at start). */
export async function ensureNotificationTables(db: Knex | Knex.Transaction): Promise<void> {
  await db.transaction(async (trx) => {
    // "create ... if not exists" still races on the catalog when two instances start together: serialize them.
    await trx.raw(`select pg_advisory_xact_lock(hashtext('tessera.notification-tables:' || current_schema()))`);
    for (const sql of STATEMENTS) await trx.raw(sql);
  });
}
