import { fieldStorage, quoteIdent, type AppModel, type Permissions } from '@tessera/core';
import type { Knex } from 'knex';
import { ProcessError } from './process-error';

/** A task as its assignee sees it in the inbox. */
export interface TaskView {
  readonly id: string;
  readonly status: string;
  readonly node: string;
  readonly nodeLabel: unknown;
  readonly process: { readonly name: string; readonly version: number; readonly label: unknown };
  readonly instanceId: string;
  readonly record: { readonly entity: string; readonly id: string; readonly title?: unknown };
  readonly assignee: string;
  readonly originalAssignee: string | null;
  readonly delegatedUntil: string | null;
  readonly submittedBy: { readonly id: string; readonly name: string } | null;
  readonly comment: string | null;
  readonly dueAt: string | null;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly revision: number;
}

const TASK_COLUMNS = ['t.id', 't.status', 't.node', 't.instance_id', 't.assignee', 't.original_assignee', 't.delegated_until', 't.comment', 't.due_at',
  't.created_at', 't.decided_at', 't.revision', 'i.process', 'i.version', 'i.entity', 'i.record_id', 'i.submitted_by', 's.name as submitter_name'];

// The cursor carries PostgreSQL's own text of the instant (to the microsecond): the API's ISO text stops at the
// millisecond, and a task created later in the same millisecond would fall between two pages.
const encode = (row: { created_key: string; id: string }) => Buffer.from(JSON.stringify([row.created_key, row.id])).toString('base64url');
function decode(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && !Number.isNaN(Date.parse(v[0]))) return v as [string, string];
  } catch { /* answered below */ }
  throw new ProcessError('invalid', 'cursor is not one this API gave', '/cursor');
}

/** The tasks assigned to a user, newest first, a page at a time; record titles show only where the user may read the title field. */
export async function listTasks(db: Knex, permissions: Permissions, q: { assignee: string; statuses: readonly string[]; limit: number; cursor?: string }): Promise<{ data: TaskView[]; next: string | null }> {
  let query = taskQuery(db).where('t.assignee', q.assignee).whereIn('t.status', q.statuses);
  if (q.cursor) {
    const [at, id] = decode(q.cursor);
    query = query.andWhereRaw('(t.created_at, t.id) < (?::timestamptz, ?::uuid)', [at, id]);
  }
  const rows: TaskRow[] = await query.orderBy([{ column: 't.created_at', order: 'desc' }, { column: 't.id', order: 'desc' }]).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { data: await views(db, permissions, page), next: rows.length > q.limit ? encode(page.at(-1)!) : null };
}

/**
 * One task, for its assignee (or whoever first had it, or the submitter); undefined otherwise. Given the task's entity
 * (as after a decision), its record's title comes in the same statement.
 */
export async function taskFor(db: Knex, permissions: Permissions, id: string, userId: string, entity?: string): Promise<TaskView | undefined> {
  const title = entity === undefined ? undefined : titleColumn(permissions, entity);
  const query = taskQuery(db).where('t.id', id);
  if (title) query.leftJoin(`${title.table} as r`, 'r.id', 'i.record_id').select(db.raw(`r.${quoteIdent(title.column)} as title`));
  const row = await query.first() as (TaskRow & { title?: unknown }) | undefined;
  if (!row || ![row.assignee, row.original_assignee, row.submitted_by].includes(userId)) return undefined;
  return (await views(db, permissions, [row], title ? new Map([[row.record_id, row.title]]) : undefined))[0];
}

const taskQuery = (db: Knex) => db('tessera_tasks as t').join('tessera_process_instances as i', 'i.id', 't.instance_id')
  .leftJoin('user as s', 's.id', 'i.submitted_by').select([...TASK_COLUMNS, db.raw('t.created_at::text as created_key')]);

/** A task row as taskQuery selects it. */
interface TaskRow {
  id: string; status: string; node: string; instance_id: string; assignee: string; original_assignee: string | null; delegated_until: string | null;
  comment: string | null; due_at: string | null; created_at: string; decided_at: string | null; revision: number;
  process: string; version: number; entity: string; record_id: string; submitted_by: string | null; submitter_name: string; created_key: string;
}

async function views(db: Knex, permissions: Permissions, rows: TaskRow[], known?: Map<string, unknown>): Promise<TaskView[]> {
  const app = permissions.app;
  const titles = known ?? await titlesOf(db, permissions, rows.map((r) => ({ entity: r.entity, id: r.record_id })));
  return rows.map((r) => {
    const process = app.processes[r.process];
    const node = process?.nodes.find((n) => n.id === r.node);
    const title = titles.get(r.record_id);
    return {
      id: r.id, status: r.status, node: r.node, nodeLabel: node?.label ?? null,
      process: { name: r.process, version: r.version, label: process?.label ?? null }, instanceId: r.instance_id,
      record: { entity: r.entity, id: r.record_id, ...(title === undefined ? {} : { title }) },
      assignee: r.assignee, originalAssignee: r.original_assignee, delegatedUntil: r.delegated_until,
      submittedBy: r.submitted_by ? { id: r.submitted_by, name: r.submitter_name } : null,
      comment: r.comment, dueAt: r.due_at, createdAt: r.created_at, decidedAt: r.decided_at, revision: r.revision,
    };
  });
}

/** The table and column of an entity's title, when it is stored and the reader may read it. */
function titleColumn(permissions: Permissions, name: string): { table: string; column: string } | undefined {
  const entity = permissions.app.entities[name];
  const title = entity?.titleField;
  if (!entity || !title || !permissions.model.entities[name]?.fields[title]) return undefined;
  const field = entity.fields[title]!;
  return fieldStorage(field) === 'column' ? { table: entity.table, column: field.column } : undefined;
}

/** Titles of records, one query per entity, for entities whose title field the reader may read. */
async function titlesOf(db: Knex, permissions: Permissions, refs: Array<{ entity: string; id: string }>): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const name of new Set(refs.map((r) => r.entity))) {
    const title = titleColumn(permissions, name);
    if (!title) continue;
    const ids = refs.filter((r) => r.entity === name).map((r) => r.id);
    const rows = (await db.raw(`select id, ${quoteIdent(title.column)} as title from ${quoteIdent(title.table)} where id = any(?::uuid[])`, [ids])).rows as Array<{ id: string; title: unknown }>;
    for (const row of rows) out.set(row.id, row.title);
  }
  return out;
}

type Row = Record<string, unknown>;

/** The instances that ran or run on a record, newest first: status, where each waits, and its tasks with their assignees. */
export async function instancesOn(db: Knex, app: AppModel, entity: string, recordId: string): Promise<Row[]> {
  const instances: Row[] = await db('tessera_process_instances').where({ entity, record_id: recordId }).orderBy('started_at', 'desc').limit(50);
  if (!instances.length) return [];
  const ids = instances.map((i) => i.id as string);
  const tokens: Row[] = await db('tessera_process_tokens').whereIn('instance_id', ids).andWhere({ status: 'waiting' }).select('instance_id', 'node', 'due_at');
  const tasks: Row[] = await db('tessera_tasks as t').leftJoin('user as u', 'u.id', 't.assignee').whereIn('t.instance_id', ids)
    .orderBy([{ column: 't.created_at' }, { column: 't.position' }])
    .select('t.id', 't.instance_id', 't.node', 't.status', 't.assignee', 'u.name as assignee_name', 't.comment', 't.decided_at', 't.due_at', 't.revision');
  return instances.map((i) => {
    const process = app.processes[i.process as string];
    const label = (node: unknown) => process?.nodes.find((n) => n.id === node)?.label ?? null;
    return {
      id: i.id, process: i.process, version: i.version, label: process?.label ?? null, trigger: i.trigger, status: i.status, outcome: i.outcome,
      submittedBy: i.submitted_by, startedAt: i.started_at, endedAt: i.ended_at, error: i.error,
      waitingAt: tokens.filter((t) => t.instance_id === i.id).map((t) => ({ node: t.node, label: label(t.node), dueAt: t.due_at })),
      tasks: tasks.filter((t) => t.instance_id === i.id).map((t) => ({
        id: t.id, node: t.node, label: label(t.node), status: t.status, assignee: { id: t.assignee, name: t.assignee_name }, comment: t.comment, decidedAt: t.decided_at, dueAt: t.due_at, revision: t.revision,
      })),
    };
  });
}

/** How many instances of a process run or ended per node and status (what the designer draws on its nodes). */
export async function instanceCounts(db: Knex, name: string): Promise<{ byStatus: Record<string, number>; waitingAt: Record<string, number> }> {
  const statuses: Row[] = await db('tessera_process_instances').where({ process: name }).groupBy('status').select('status').count('* as n');
  const waiting: Row[] = await db('tessera_process_tokens as k').join('tessera_process_instances as i', 'i.id', 'k.instance_id')
    .where({ 'i.process': name, 'k.status': 'waiting' }).groupBy('k.node').select('k.node').count('* as n');
  return {
    byStatus: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
    waitingAt: Object.fromEntries(waiting.map((w) => [w.node, Number(w.n)])),
  };
}
