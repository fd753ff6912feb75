import type { Knex } from 'knex';
import { notifyTopicSql } from '../db/invalidations';
import { ensureSharesTable } from '../sharing/shares-table';
import { ROLES_TABLE, ROLES_TOPIC } from './role-store';
import { USERS_TOPIC } from './token-cache';

/**
 * The runtime's own auth tables, beside the `user` entity's table the migrator makes. Roles live in a table of their
 * own (one row per user and role) rather than on the credentials, so users without a password (SSO later) have roles
 * too and the permissions layer can join on them.
 */
const STATEMENTS = [
  `create table if not exists tessera_credentials (
    user_id uuid primary key references "user"(id) on delete cascade,
    password_hash text not null,
    updated_at timestamptz not null default now())`,
  `create table if not exists tessera_user_roles (
    user_id uuid not null references "user"(id) on delete cascade,
    role text not null,
    primary key (user_id, role))`,
  `create table if not exists tessera_sessions (
    token_hash bytea primary key,
    user_id uuid not null references "user"(id) on delete cascade,
    kind text not null check (kind in ('session', 'api')),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz)`,
  `create index if not exists tessera_sessions_user_id on tessera_sessions (user_id)`,
  `create table if not exists tessera_login_attempts (
    id bigint generated always as identity primary key,
    email text not null,
    ip text not null,
    at timestamptz not null default now())`,
  `create index if not exists tessera_login_attempts_email on tessera_login_attempts (email, at)`,
  `create index if not exists tessera_login_attempts_ip on tessera_login_attempts (ip, at)`,
  // Cached sessions (TokenCache) hear of every change that could end or alter them, whichever path makes it, API or
  // plain SQL. A new user changes its manager's subordinates, and a department moved elsewhere changes its members'
  // departments (AuthUser.teamIds): inserts count, and so does the team table (made by the migrator before this runs).
  `create or replace function tessera_users_changed() returns trigger language plpgsql as $$
    begin perform ${notifyTopicSql(`'${USERS_TOPIC}'`)}; return null; end $$`,
  `create or replace trigger tessera_user_changed after insert or update or delete on "user"
    for each statement execute function tessera_users_changed()`,
  `create or replace trigger tessera_team_changed after insert or update or delete on "team"
    for each statement execute function tessera_users_changed()`,
  `create or replace trigger tessera_user_roles_changed after insert or update or delete on tessera_user_roles
    for each statement execute function tessera_users_changed()`,
  // Roles defined through the API, layered over the metadata's (role-store.ts). Every instance reloads them when it
  // hears the topic, whether the API or plain SQL changed them.
  `create table if not exists ${ROLES_TABLE} (
    name text primary key,
    definition jsonb not null,
    updated_at timestamptz not null default now(),
    updated_by uuid)`,
  `create or replace function tessera_roles_changed() returns trigger language plpgsql as $$
    begin perform ${notifyTopicSql(`'${ROLES_TOPIC}'`)}; return null; end $$`,
  `create or replace trigger tessera_roles_changed after insert or update or delete on ${ROLES_TABLE}
    for each statement execute function tessera_roles_changed()`,
  `create or replace function tessera_session_ended() returns trigger language plpgsql as $$
    begin perform ${notifyTopicSql(`'token:' || encode(old.token_hash, 'hex')`)}; return null; end $$`,
  `create or replace trigger tessera_session_ended after update or delete on tessera_sessions
    for each row execute function tessera_session_ended()`,
];

/** Creates the auth tables if they are missing; safe to call on every start, from several instances at once. */
export async function ensureAuthTables(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    // "create ... if not exists" still races on the catalog when two instances start together: serialize them.
    await trx.raw(`select pg_advisory_xact_lock(hashtext('tessera.auth-tables:' || current_schema()))`);
    for (const sql of STATEMENTS) await trx.raw(sql);
    await ensureSharesTable(trx);
  });
}
