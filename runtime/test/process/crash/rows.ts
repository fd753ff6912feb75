import type { Database } from '../../../src/db/connect';
import { Jobs } from '../../../src/jobs/jobs';
import { TIMER_QUEUE } from '../../../src/process/timer-data';

export interface InstanceRow { id: string; process: string; record_id: string; status: string }
export interface TaskRow { id: string; instance_id: string; node: string; assignee: string; status: string; comment: string | null; decided_by: string | null }
/** A process step of the history: what happened (submitted, assigned, approved…) to which instance and task, by whom. */
export interface StepRow { instance: string; event: string; task: string | null; user_id: string | null; comment: string | null }
export interface NotificationRow { user_id: string; key: string }
export interface OutboxRow { id: string; key: string; kind: string; status: string; attempts: number }

/** What the proof reads of the database the server used. */
export interface Rows {
  readonly instances: InstanceRow[];
  readonly tasks: TaskRow[];
  readonly steps: StepRow[];
  readonly notifications: NotificationRow[];
  readonly outbox: OutboxRow[];
  readonly deals: Array<{ id: string; approval_status: string }>;
  readonly lockedRecords: number;
}

/** Reads the tables of processes, tasks, history, notifications, outbox and deals. */
export async function loadRows(db: Database): Promise<Rows> {
  const knex = db.knex;
  return {
    instances: await knex('tessera_process_instances').select('id', 'process', 'record_id', 'status'),
    tasks: await knex('tessera_tasks').select('id', 'instance_id', 'node', 'assignee', 'status', 'comment', 'decided_by'),
    steps: await knex('tessera_history').where('action', 'process')
      .select(knex.raw(`step->>'instanceId' as instance, step->>'event' as event, step->>'taskId' as task, user_id, step->>'comment' as comment`)),
    notifications: await knex('tessera_notifications').select('user_id', 'key'),
    outbox: await knex('tessera_outbox').select('id', 'key', 'kind', 'status', 'attempts'),
    deals: await knex('deal').select('id', 'approval_status'),
    lockedRecords: Number((await knex('tessera_record_locks').count({ n: '*' }).first())!.n),
  };
}

/** A timer job in pg-boss's table: its state and the task it times out. */
export interface TimerJob { state: string; task: string; started_on: Date | null }

// The kill watcher reads the jobs every few milliseconds: the jobs schema is looked up once per database.
const jobSchemas = new WeakMap<Database, Promise<string>>();

/** The timer queue's pg-boss jobs (a kill can leave some 'active'). */
export async function timerJobs(db: Database): Promise<TimerJob[]> {
  let schema = jobSchemas.get(db);
  if (!schema) jobSchemas.set(db, (schema = Jobs.schemaFor(db)));
  return (await db.knex.raw(`select state, data->>'taskId' as task, started_on from "${await schema}".job where name = ?`, [TIMER_QUEUE])).rows as TimerJob[];
}
