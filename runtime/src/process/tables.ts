import type { Knex } from 'knex';

/**
 * Creates the process engine's tables if they are missing (idempotent; every instance may call it at start):
 * published versions, instances, the tokens waiting in them, approval tasks and record locks.
 */
export async function ensureProcessTables(db: Knex | Knex.Transaction): Promise<void> {
  await db.raw(`
    create table if not exists tessera_process_versions (
      name text not null, version int not null, hash text not null, definition jsonb not null,
      published_at timestamptz not null default now(), primary key (name, version));
    create table if not exists tessera_process_instances (
      id uuid primary key, process text not null, version int not null, entity text not null, record_id uuid not null,
      status text not null, outcome text, trigger text not null, trigger_key text, submitted_by uuid,
      parent_id uuid, parent_token uuid, locks boolean not null default false, revision int not null default 1,
      started_at timestamptz not null default now(), ended_at timestamptz, error text);
    create index if not exists tessera_process_instances_record on tessera_process_instances (entity, record_id, started_at);
    create index if not exists tessera_process_instances_running on tessera_process_instances (process, status);
    create index if not exists tessera_process_instances_parent on tessera_process_instances (parent_id) where parent_id is not null;
    create unique index if not exists tessera_process_instances_trigger on tessera_process_instances (process, record_id, trigger_key);
    create table if not exists tessera_process_tokens (
      id uuid primary key, instance_id uuid not null references tessera_process_instances (id) on delete cascade,
      node text not null, status text not null, due_at timestamptz, created_at timestamptz not null default now());
    create index if not exists tessera_process_tokens_instance on tessera_process_tokens (instance_id, status);
    create table if not exists tessera_tasks (
      id uuid primary key, instance_id uuid not null references tessera_process_instances (id) on delete cascade,
      token_id uuid not null, node text not null, position int not null default 0, assignee uuid not null,
      original_assignee uuid, delegated_until timestamptz, status text not null, comment text,
      decided_by uuid, decided_at timestamptz, due_at timestamptz, created_at timestamptz not null default now(),
      revision int not null default 1);
    create index if not exists tessera_tasks_assignee on tessera_tasks (assignee, status, created_at);
    create index if not exists tessera_tasks_instance on tessera_tasks (instance_id, node, status);
    create index if not exists tessera_tasks_token on tessera_tasks (token_id, position);
    create table if not exists tessera_record_locks (
      entity text not null, record_id uuid not null, instance_id uuid not null references tessera_process_instances (id) on delete cascade,
      primary key (entity, record_id, instance_id));
    create index if not exists tessera_record_locks_instance on tessera_record_locks (instance_id)`);
}
