import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/connect';
import { ENTITY } from './app';
import type { People } from './people';
import { planDecisions, type DecisionRequest } from './plan';

// Submissions in flight while seeding: enough to keep the server's pool of 10 busy. Seeding is not measured.
const SUBMITTERS = 10;

/** Runs fn on every item, `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

/** Inserts deals owned by the requester, numbered from `first`, with a discount the process's entry condition takes. */
async function insertDeals(db: Database, ownerId: string, first: number, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.knex.raw(
    `insert into ${ENTITY} (id, name, amount, discount, approval_status, owner_id, created_by, updated_by)
     select s.id, 'Deal ' || (s.n + ?), (s.n * 37 % 100000) / 100.0, 11 + s.n % 40, 'pending', ?, ?, ?
     from unnest(?::uuid[]) with ordinality as s(id, n)`,
    [first - 1, ownerId, ownerId, ownerId, `{${ids.join(',')}}`],
  );
  return ids;
}

/** Submits a deal as its requester through POST /api/records/:entity/:id/submit, which starts its approval. */
async function submit(baseUrl: string, token: string, id: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/records/${ENTITY}/${id}/submit`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 201) throw new Error(`submit of ${id}: ${response.status} ${await response.text()}`);
}

/** An approver's open tasks by record id, read from their inbox (GET /api/tasks) a page of 200 at a time. */
async function inbox(baseUrl: string, token: string): Promise<Map<string, string>> {
  const tasks = new Map<string, string>();
  for (let cursor: string | null = ''; cursor !== null;) {
    const query = new URLSearchParams({ assignee: 'me', status: 'open', limit: '200', ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${baseUrl}/api/tasks?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`inbox: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { data: Array<{ id: string; record: { id: string } }>; page: { next: string | null } };
    for (const task of page.data) tasks.set(task.record.id, task.id);
    cursor = page.page.next;
  }
  return tasks;
}

/** The open tasks on the records, by approver id and record id, as the database has them. */
async function openTasks(db: Database, recordIds: readonly string[]): Promise<Map<string, string>> {
  const rows = (await db.knex.raw(
    `select t.id, t.assignee, i.record_id from tessera_tasks t join tessera_process_instances i on i.id = t.instance_id
     where i.record_id = any(?::uuid[]) and t.status = 'open'`,
    [`{${recordIds.join(',')}}`],
  )).rows as Array<{ id: string; assignee: string; record_id: string }>;
  return new Map(rows.map((r) => [`${r.assignee}:${r.record_id}`, r.id]));
}

/** A batch of submissions: the decisions to send on them, in order, and how many of their tasks the inboxes left out. */
export interface SeededBatch {
  readonly queue: DecisionRequest[];
  readonly skipped: number;
}

/**
 * Seeds `count` submissions numbered from `first` (deals inserted, then submitted through the engine as a client
 * would), lists each approver's inbox once, and answers the decisions to send on them, in order (plan.ts). The inboxes
 * are checked against the database: a task an inbox left out (paging that skips a task) is taken from the database
 * and counted, and the report calls the run broken.
 */
export async function seedSubmissions(db: Database, baseUrl: string, people: People, first: number, count: number): Promise<SeededBatch> {
  const ids = await insertDeals(db, people.requester.id, first, count);
  await inParallel(ids, SUBMITTERS, (id) => submit(baseUrl, people.requester.token, id));
  const inboxes = await Promise.all(people.approvers.map((a) => inbox(baseUrl, a.token)));
  const stored = await openTasks(db, ids);
  let skipped = 0;
  const queue = planDecisions(count, first, (i, approver) => {
    const task = stored.get(`${people.approvers[approver]!.id}:${ids[i]}`);
    if (!task) throw new Error(`approver ${approver + 1} has no open task on deal ${ids[i]} after its submission`);
    if (inboxes[approver]!.get(ids[i]!) !== task) skipped++;
    return task;
  });
  return { queue, skipped };
}
