import type { Knex } from 'knex';
import type { InstanceStatus, TaskStatus } from '@tessera/core';
import type { Instance, Task } from './model';

const INSTANCES = 'tessera_process_instances';
const TOKENS = 'tessera_process_tokens';
const TASKS = 'tessera_tasks';
const LOCKS = 'tessera_record_locks';

type DbRow = Record<string, unknown>;

const toInstance = (r: DbRow): Instance => ({
  id: r.id as string, process: r.process as string, version: r.version as number, entity: r.entity as string, recordId: r.record_id as string,
  status: r.status as InstanceStatus, outcome: (r.outcome as string | null) ?? null, submittedBy: (r.submitted_by as string | null) ?? null,
  parentId: (r.parent_id as string | null) ?? null, parentToken: (r.parent_token as string | null) ?? null, locks: r.locks as boolean,
});

const toTask = (r: DbRow): Task => ({
  id: r.id as string, instanceId: r.instance_id as string, tokenId: r.token_id as string, node: r.node as string, position: r.position as number,
  assignee: r.assignee as string, originalAssignee: (r.original_assignee as string | null) ?? null, delegatedUntil: (r.delegated_until as string | null) ?? null,
  status: r.status as TaskStatus, dueAt: (r.due_at as string | null) ?? null, revision: r.revision as number,
});

/** Inserts a new running instance; answers false when its trigger key was taken already (a trigger that ran twice). */
export async function insertInstance(trx: Knex.Transaction, i: Instance & { trigger: string; triggerKey: string | null }): Promise<boolean> {
  const rows = await trx(INSTANCES).insert({
    id: i.id, process: i.process, version: i.version, entity: i.entity, record_id: i.recordId, status: i.status, trigger: i.trigger,
    trigger_key: i.triggerKey, submitted_by: i.submittedBy, parent_id: i.parentId, parent_token: i.parentToken, locks: i.locks,
  }).onConflict(['process', 'record_id', 'trigger_key']).ignore().returning('id');
  return rows.length > 0;
}

/** Locks an instance for the transaction and reads it; every change to an instance and its tasks takes this lock first. */
export async function lockInstance(trx: Knex.Transaction, id: string): Promise<Instance | undefined> {
  const row = await trx(INSTANCES).where({ id }).forUpdate().first();
  return row && toInstance(row);
}

/** Writes an instance's status and outcome (and its end time once it is no longer running). */
export async function saveInstance(trx: Knex.Transaction, i: Instance, error?: string): Promise<void> {
  await trx(INSTANCES).where({ id: i.id }).update({
    status: i.status, outcome: i.outcome, revision: trx.raw('revision + 1'),
    ...(i.status === 'running' ? {} : { ended_at: trx.fn.now() }), ...(error ? { error } : {}),
  });
}

/** The instances running on a record (optionally of one trigger), locked. */
export async function runningOn(trx: Knex.Transaction, entity: string, recordId: string, trigger?: string): Promise<Instance[]> {
  const q = trx(INSTANCES).where({ entity, record_id: recordId, status: 'running' }).orderBy('started_at').forUpdate();
  return (await (trigger ? q.andWhere({ trigger }) : q)).map(toInstance);
}

/** The running instances a parent started and waits for, locked. */
export async function runningChildren(trx: Knex.Transaction, parentId: string): Promise<Instance[]> {
  return (await trx(INSTANCES).where({ parent_id: parentId, status: 'running' }).forUpdate()).map(toInstance);
}

/** Stores a token that waits at a node. */
export async function insertToken(trx: Knex.Transaction, t: { id: string; instanceId: string; node: string; dueAt?: Date }): Promise<void> {
  await trx(TOKENS).insert({ id: t.id, instance_id: t.instanceId, node: t.node, status: 'waiting', due_at: t.dueAt ?? null });
}

/** The instance's waiting tokens: where it stands. */
export async function waitingTokens(trx: Knex.Transaction, instanceId: string): Promise<Array<{ id: string; node: string; dueAt: string | null }>> {
  const rows = await trx(TOKENS).where({ instance_id: instanceId, status: 'waiting' }).orderBy('created_at').select('id', 'node', 'due_at');
  return rows.map((r: DbRow) => ({ id: r.id as string, node: r.node as string, dueAt: (r.due_at as string | null) ?? null }));
}

/** Ends waiting tokens; answers those that were still waiting (a token already moved on is not ended twice). */
export async function endTokens(trx: Knex.Transaction, ids: readonly string[]): Promise<Array<{ id: string; node: string }>> {
  if (!ids.length) return [];
  return trx(TOKENS).whereIn('id', ids).andWhere({ status: 'waiting' }).update({ status: 'done' }).returning(['id', 'node']);
}

/** Inserts approval tasks. */
export async function insertTasks(trx: Knex.Transaction, tasks: ReadonlyArray<Omit<Task, 'revision' | 'originalAssignee' | 'delegatedUntil'>>): Promise<void> {
  if (!tasks.length) return;
  await trx(TASKS).insert(tasks.map((t) => ({
    id: t.id, instance_id: t.instanceId, token_id: t.tokenId, node: t.node, position: t.position, assignee: t.assignee, status: t.status, due_at: t.dueAt,
  })));
}

/** A task, locked for the transaction. */
export async function lockTask(trx: Knex.Transaction, id: string): Promise<Task | undefined> {
  const row = await trx(TASKS).where({ id }).forUpdate().first();
  return row && toTask(row);
}

/** The instance a task belongs to (unlocked: the decision then locks the instance, then the task, in that order). */
export async function instanceOfTask(db: Knex | Knex.Transaction, taskId: string): Promise<string | undefined> {
  const row = await db(TASKS).where({ id: taskId }).first('instance_id');
  return row?.instance_id as string | undefined;
}

/** The tasks of one waiting token (one approval step's round), in order. */
export async function tasksOfToken(trx: Knex.Transaction, tokenId: string): Promise<Task[]> {
  return (await trx(TASKS).where({ token_id: tokenId }).orderBy([{ column: 'position' }, { column: 'created_at' }])).map(toTask);
}

/** Changes a task at the revision it was read at, and bumps the revision; answers the task as saved. */
export async function saveTask(trx: Knex.Transaction, task: Task, patch: Partial<Record<'status' | 'assignee' | 'original_assignee' | 'delegated_until' | 'comment' | 'decided_by' | 'decided_at' | 'due_at' | 'position', unknown>>): Promise<Task> {
  const [row] = await trx(TASKS).where({ id: task.id, revision: task.revision }).update({ ...patch, revision: task.revision + 1 }).returning('*');
  if (!row) throw new Error(`task ${task.id} changed under a locked instance`);
  return toTask(row);
}

/** Closes every open or queued task of an instance (or of one token) with a status; answers the tasks closed. */
export async function closeTasks(trx: Knex.Transaction, where: { instanceId: string } | { tokenId: string }, status: TaskStatus): Promise<Task[]> {
  const q = trx(TASKS).whereIn('status', ['open', 'queued']);
  const rows = await ('tokenId' in where ? q.andWhere({ token_id: where.tokenId }) : q.andWhere({ instance_id: where.instanceId }))
    .update({ status, revision: trx.raw('revision + 1') }).returning('*');
  return rows.map(toTask);
}

/** Locks a record for an instance (a locked record answers 409 to edits). */
export async function lockRecord(trx: Knex.Transaction, i: Instance): Promise<void> {
  await trx(LOCKS).insert({ entity: i.entity, record_id: i.recordId, instance_id: i.id }).onConflict(['entity', 'record_id', 'instance_id']).ignore();
}

/** Releases the record lock an instance holds. */
export async function unlockRecord(trx: Knex.Transaction, i: Instance): Promise<void> {
  await trx(LOCKS).where({ instance_id: i.id }).delete();
}
