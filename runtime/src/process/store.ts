import type { InstanceStatus, TaskStatus } from '@tessera/core';
import type { Knex } from 'knex';
import { prepared, run, type Row } from '../db/statement';
import type { Instance, Task } from './model';

// Every statement of a decision is prepared once per connection: a decision runs a dozen of them, and building each
// with the query builder would cost the server more than PostgreSQL spends running it.
const sql = (text: string) => prepared(text, 'process');
const INSTANCE_COLUMNS = 'id, process, version, entity, record_id, status, outcome, submitted_by, parent_id, parent_token, locks';
const TASK_COLUMNS = 'id, instance_id, token_id, node, position, assignee, original_assignee, delegated_until, status, comment, decided_by, decided_at, due_at, revision';

const toInstance = (r: Row): Instance => ({
  id: r.id as string, process: r.process as string, version: r.version as number, entity: r.entity as string, recordId: r.record_id as string,
  status: r.status as InstanceStatus, outcome: (r.outcome as string | null) ?? null, submittedBy: (r.submitted_by as string | null) ?? null,
  parentId: (r.parent_id as string | null) ?? null, parentToken: (r.parent_token as string | null) ?? null, locks: r.locks as boolean,
});

const toTask = (r: Row): Task => ({
  id: r.id as string, instanceId: r.instance_id as string, tokenId: r.token_id as string, node: r.node as string, position: r.position as number,
  assignee: r.assignee as string, originalAssignee: (r.original_assignee as string | null) ?? null, delegatedUntil: (r.delegated_until as string | null) ?? null,
  status: r.status as TaskStatus, comment: (r.comment as string | null) ?? null, decidedBy: (r.decided_by as string | null) ?? null,
  decidedAt: (r.decided_at as string | null) ?? null, dueAt: (r.due_at as string | null) ?? null, revision: r.revision as number,
});

const INSERT_INSTANCE = sql(`insert into tessera_process_instances (id, process, version, entity, record_id, status, trigger, trigger_key, submitted_by, parent_id, parent_token, locks)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) on conflict (process, record_id, trigger_key) do nothing returning id`);

/** Inserts a new running instance; answers false when its trigger key was taken already (a trigger that ran twice). */
export async function insertInstance(trx: Knex.Transaction, i: Instance & { trigger: string; triggerKey: string | null }): Promise<boolean> {
  const rows = await run(trx, INSERT_INSTANCE, [i.id, i.process, i.version, i.entity, i.recordId, i.status, i.trigger, i.triggerKey, i.submittedBy, i.parentId, i.parentToken, i.locks]);
  return rows.length > 0;
}

const LOCK_INSTANCE = sql(`select ${INSTANCE_COLUMNS} from tessera_process_instances where id = $1 for update`);
const prefixed = (columns: string, alias: string) => columns.split(', ').map((c) => `${alias}.${c} as "${alias}.${c}"`).join(', ');
// The instance is locked first ("t" reads "i", so "i" runs first), then the task: the order every change keeps. A
// task changed by the transaction that held the lock is read as it now is (a locking read takes the newest version).
const LOCK_FOR_DECISION = sql(`with i as (select ${INSTANCE_COLUMNS} from tessera_process_instances
    where id = (select instance_id from tessera_tasks where id = $1) for update),
  t as (select ${TASK_COLUMNS} from tessera_tasks where id = $1 and exists (select 1 from i) for update)
  select ${prefixed(INSTANCE_COLUMNS, 'i')}, ${prefixed(TASK_COLUMNS, 't')} from i, t`);

/** The columns of one table out of a row that selected several under "alias.column" names. */
const part = (row: Row, alias: string): Row =>
  Object.fromEntries(Object.entries(row).filter(([k]) => k.startsWith(`${alias}.`)).map(([k, v]) => [k.slice(alias.length + 1), v]));

/** Locks an instance for the transaction and reads it; every change to an instance and its tasks takes this lock first. */
export async function lockInstance(trx: Knex.Transaction, id: string): Promise<Instance | undefined> {
  const [row] = await run(trx, LOCK_INSTANCE, [id]);
  return row && toInstance(row);
}

/** Locks a task and the instance it belongs to, the instance first (as every change does), in one statement. */
export async function lockForDecision(trx: Knex.Transaction, taskId: string): Promise<{ instance: Instance; task: Task } | undefined> {
  const [row] = await run(trx, LOCK_FOR_DECISION, [taskId]);
  return row && { instance: toInstance(part(row, 'i')), task: toTask(part(row, 't')) };
}

// Finishing is one statement: the status, the record's lock released and the history step.
const FINISH_INSTANCE = sql(`with s as (update tessera_process_instances set status = $2, outcome = $3, revision = revision + 1, ended_at = now(),
    error = coalesce($4, error) where id = $1),
  u as (delete from tessera_record_locks where instance_id = $1),
  h as (insert into tessera_history (entity, record_id, action, changes, user_id, step) values ($5, $6, 'process', '{}', $7, $8))
  select 1`);

/** Writes an instance's end: its status and outcome, its record lock released, and its history step (JSON). */
export async function finishInstance(trx: Knex.Transaction, i: Instance, actor: string | null, step: string, error?: string): Promise<void> {
  await run(trx, FINISH_INSTANCE, [i.id, i.status, i.outcome, error ?? null, i.entity, i.recordId, actor, step]);
}

const RUNNING_ON = sql(`select ${INSTANCE_COLUMNS} from tessera_process_instances where entity = $1 and record_id = $2 and status = 'running'
  and ($3::text is null or trigger = $3) order by started_at for update`);
const RUNNING_CHILDREN = sql(`select ${INSTANCE_COLUMNS} from tessera_process_instances where parent_id = $1 and status = 'running' for update`);

/** The instances running on a record (optionally of one trigger), locked. */
export async function runningOn(trx: Knex.Transaction, entity: string, recordId: string, trigger?: string): Promise<Instance[]> {
  return (await run(trx, RUNNING_ON, [entity, recordId, trigger ?? null])).map(toInstance);
}

/** The running instances a parent started and waits for, locked. */
export async function runningChildren(trx: Knex.Transaction, parentId: string): Promise<Instance[]> {
  return (await run(trx, RUNNING_CHILDREN, [parentId])).map(toInstance);
}

const INSERT_TOKEN = sql(`insert into tessera_process_tokens (id, instance_id, node, status, due_at) values ($1, $2, $3, 'waiting', $4)`);
const WAITING_TOKENS = sql(`select id, node, due_at from tessera_process_tokens where instance_id = $1 and status = 'waiting' order by created_at, id`);
const END_TOKENS = sql(`update tessera_process_tokens set status = 'done' where id = any($1::uuid[]) and status = 'waiting' returning id, node`);

/** Stores a token that waits at a node. */
export async function insertToken(trx: Knex.Transaction, t: { id: string; instanceId: string; node: string; dueAt?: Date }): Promise<void> {
  await run(trx, INSERT_TOKEN, [t.id, t.instanceId, t.node, t.dueAt?.toISOString() ?? null]);
}

/** The instance's waiting tokens: where it stands. */
export async function waitingTokens(trx: Knex.Transaction, instanceId: string): Promise<Array<{ id: string; node: string; dueAt: string | null }>> {
  return (await run(trx, WAITING_TOKENS, [instanceId])).map((r) => ({ id: r.id as string, node: r.node as string, dueAt: (r.due_at as string | null) ?? null }));
}

/** Ends waiting tokens; answers those that were still waiting (a token already moved on is not ended twice). */
export async function endTokens(trx: Knex.Transaction, ids: readonly string[]): Promise<Array<{ id: string; node: string }>> {
  if (!ids.length) return [];
  return (await run(trx, END_TOKENS, [[...ids]])) as Array<{ id: string; node: string }>;
}

const INSERT_TASKS = sql(`insert into tessera_tasks (id, instance_id, token_id, node, position, assignee, status, due_at)
  select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::uuid[], $7::text[], $8::timestamptz[])`);

/** Inserts approval tasks, in one statement. */
export async function insertTasks(trx: Knex.Transaction, tasks: readonly Task[]): Promise<void> {
  if (!tasks.length) return;
  const column = <K extends keyof Task>(k: K) => tasks.map((t) => t[k]);
  await run(trx, INSERT_TASKS, [column('id'), column('instanceId'), column('tokenId'), column('node'), column('position'), column('assignee'), column('status'), column('dueAt')]);
}

const LOCK_TASK = sql(`select ${TASK_COLUMNS} from tessera_tasks where id = $1 for update`);
const TASKS_OF_TOKEN = sql(`select ${TASK_COLUMNS} from tessera_tasks where token_id = $1 order by position, created_at`);

/** A task, locked for the transaction. */
export async function lockTask(trx: Knex.Transaction, id: string): Promise<Task | undefined> {
  const [row] = await run(trx, LOCK_TASK, [id]);
  return row && toTask(row);
}

/** The tasks of one waiting token (one approval step's round), in order. */
export async function tasksOfToken(trx: Knex.Transaction, tokenId: string): Promise<Task[]> {
  return (await run(trx, TASKS_OF_TOKEN, [tokenId])).map(toTask);
}

/** What a change to a task may set. */
export type TaskChange = Partial<Pick<Task, 'status' | 'assignee' | 'originalAssignee' | 'delegatedUntil' | 'comment' | 'decidedBy' | 'decidedAt' | 'dueAt'>>;

const SAVE_TASK = sql(`update tessera_tasks set status = $3, assignee = $4, original_assignee = $5, delegated_until = $6, comment = $7,
  decided_by = $8, decided_at = $9, due_at = $10, revision = revision + 1 where id = $1 and revision = $2 returning ${TASK_COLUMNS}`);

/** Changes a task at the revision it was read at, and bumps the revision; answers the task as saved. */
export async function saveTask(trx: Knex.Transaction, task: Task, change: TaskChange): Promise<Task> {
  const t = { ...task, ...change };
  const [row] = await run(trx, SAVE_TASK, [t.id, task.revision, t.status, t.assignee, t.originalAssignee, t.delegatedUntil, t.comment, t.decidedBy, t.decidedAt, t.dueAt]);
  if (!row) throw new Error(`task ${task.id} changed under a locked instance`);
  return toTask(row);
}

// One statement records the vote, writes its history step and reads the step's round as it now is: the round's other
// tasks are read from the snapshot (they are unchanged, the instance being locked) and the voted one as updated.
const VOTE = sql(`with saved as (update tessera_tasks set status = $3, comment = $4, decided_by = $5, decided_at = $6, revision = revision + 1
    where id = $1 and revision = $2 returning ${TASK_COLUMNS}, created_at),
  h as (insert into tessera_history (entity, record_id, action, changes, user_id, step) select $7, $8, 'process', '{}', $5, $9 from saved)
  select ${TASK_COLUMNS}, created_at from saved
  union all select ${TASK_COLUMNS}, created_at from tessera_tasks where token_id = (select token_id from saved) and id <> $1
  order by position, created_at`);

/** Records a vote on a task with its history step (the step's JSON); answers the task's round, the vote in it. */
export async function voteOnTask(trx: Knex.Transaction, task: Task, vote: Pick<Task, 'status' | 'comment' | 'decidedBy' | 'decidedAt'>, history: { entity: string; recordId: string; step: string }): Promise<Task[]> {
  const rows = await run(trx, VOTE, [task.id, task.revision, vote.status, vote.comment, vote.decidedBy, vote.decidedAt, history.entity, history.recordId, history.step]);
  if (!rows.length) throw new Error(`task ${task.id} changed under a locked instance`);
  return rows.map(toTask);
}

const CANCEL_OPEN = sql(`update tessera_tasks set status = 'cancelled', revision = revision + 1 where instance_id = $1 and status in ('open', 'queued')`);

/** Cancels every open or queued task of an instance (it ends). */
export async function cancelOpenTasks(trx: Knex.Transaction, instanceId: string): Promise<void> {
  await run(trx, CANCEL_OPEN, [instanceId]);
}

// A round that reached its outcome: its other tasks cancelled and its token ended, in one statement.
const CLOSE_ROUND = sql(`with c as (update tessera_tasks set status = 'cancelled', revision = revision + 1 where token_id = $1 and status in ('open', 'queued'))
  update tessera_process_tokens set status = 'done' where id = $1 and status = 'waiting' returning node`);

/** Closes an approval round: cancels its open and queued tasks and ends its token; answers the token's node, if it still waited. */
export async function closeRound(trx: Knex.Transaction, tokenId: string): Promise<string | undefined> {
  const [row] = await run(trx, CLOSE_ROUND, [tokenId]);
  return row?.node as string | undefined;
}

const MOVE_AFTER = sql(`update tessera_tasks set position = position + 1 where token_id = $1 and position > $2`);

/** Makes room in a round's order right after a position (for an approver added there). */
export async function shiftTasksAfter(trx: Knex.Transaction, tokenId: string, position: number): Promise<void> {
  await run(trx, MOVE_AFTER, [tokenId, position]);
}

const LOCK_RECORD = sql(`insert into tessera_record_locks (entity, record_id, instance_id) values ($1, $2, $3) on conflict do nothing`);

/** Locks a record for an instance (a locked record answers 409 to edits). */
export async function lockRecord(trx: Knex.Transaction, i: Instance): Promise<void> {
  await run(trx, LOCK_RECORD, [i.entity, i.recordId, i.id]);
}

const PREVIOUS_APPROVAL = sql(`select node from tessera_tasks where instance_id = $1 and status = 'approved' and node <> $2 order by decided_at desc limit 1`);

/** The approval step decided last in an instance before a node: where a "return" goes back to. */
export async function previousApproval(trx: Knex.Transaction, instanceId: string, node: string): Promise<string | undefined> {
  const [row] = await run(trx, PREVIOUS_APPROVAL, [instanceId, node]);
  return row?.node as string | undefined;
}
