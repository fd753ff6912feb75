import type { Knex } from 'knex';

/** The table of record shares: a record of an entity shared with a user or a department, to read or to edit. */
export const SHARES_TABLE = 'tessera_shares';

// A share names its record by entity and id without a foreign key (records live in many tables); deleting a record
// leaves its shares inert, and they go when the record's id is never seen again. Users and departments cascade.
const STATEMENTS = [
  `create table if not exists ${SHARES_TABLE} (
    id uuid primary key default gen_random_uuid(),
    entity text not null,
    record_id uuid not null,
    user_id uuid references "user"(id) on delete cascade,
    team_id uuid references team(id) on delete cascade,
    access text not null check (access in ('read', 'edit')),
    created_by uuid references "user"(id) on delete set null,
    created_at timestamptz not null default now(),
    check ((user_id is null) <> (team_id is null)))`,
  `create unique index if not exists ${SHARES_TABLE}_user on ${SHARES_TABLE} (entity, record_id, user_id) where user_id is not null`,
  `create unique index if not exists ${SHARES_TABLE}_team on ${SHARES_TABLE} (entity, record_id, team_id) where team_id is not null`,
  `create index if not exists ${SHARES_TABLE}_grantee on ${SHARES_TABLE} (entity, user_id, team_id)`,
];

/** Creates the shares table if it is missing (inside the caller's transaction, after the user and team tables). */
export async function ensureSharesTable(trx: Knex.Transaction): Promise<void> {
  for (const sql of STATEMENTS) await trx.raw(sql);
}
