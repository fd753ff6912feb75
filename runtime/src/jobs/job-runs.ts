import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** The table of long-running work a request started (an import): its state, progress and result, for GET /api/jobs/:id. */
export const JOB_RUNS_TABLE = 'tessera_job_runs';

/** One job as the API shows it. */
export interface JobRun {
  readonly id: string;
  readonly kind: string;
  readonly entity: string | null;
  readonly userId: string | null;
  readonly status: 'running' | 'succeeded' | 'failed';
  readonly progress: Readonly<Record<string, unknown>>;
  readonly result: Readonly<Record<string, unknown>> | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
}

// A running job's progress is written at least this often; one silent for much longer died with its server.
export const HEARTBEAT_MS = 5_000;
const STALE_MS = 60_000;

const ensured = new WeakMap<Knex, Promise<void>>();

/** Creates the jobs table if it is missing, once per database handle. */
export function ensureJobRuns(db: Knex): Promise<void> {
  let done = ensured.get(db);
  if (!done) {
    ensured.set(db, (done = db.raw(`create table if not exists ${JOB_RUNS_TABLE} (
      id uuid primary key, kind text not null, entity text, user_id uuid, status text not null,
      progress jsonb not null default '{}', result jsonb,
      created_at timestamptz not null default now(), updated_at timestamptz not null default now(), finished_at timestamptz)`).then(() => undefined)));
    done.catch(() => ensured.delete(db));
  }
  return done;
}

/** Records a job as running and answers its id. */
export async function createJobRun(db: Knex, job: { kind: string; entity?: string; userId: string | null }): Promise<string> {
  await ensureJobRuns(db);
  const id = randomUUID();
  await db(JOB_RUNS_TABLE).insert({ id, kind: job.kind, entity: job.entity ?? null, user_id: job.userId, status: 'running' });
  return id;
}

/** Writes a running job's progress (ignored once it finished, so a late write cannot undo the end). */
export async function writeJobProgress(db: Knex, id: string, progress: Readonly<Record<string, unknown>>): Promise<void> {
  await db(JOB_RUNS_TABLE).where({ id, status: 'running' }).update({ progress: JSON.stringify(progress), updated_at: db.fn.now() });
}

/** Ends a job with its result. */
export async function finishJobRun(db: Knex, id: string, status: 'succeeded' | 'failed', progress: Readonly<Record<string, unknown>>, result: Readonly<Record<string, unknown>>): Promise<void> {
  await db(JOB_RUNS_TABLE).where({ id }).update({
    status, progress: JSON.stringify(progress), result: JSON.stringify(result), updated_at: db.fn.now(), finished_at: db.fn.now(),
  });
}

/** A job, if it exists; one still "running" without news for a minute died with its server and is shown as failed. */
export async function readJobRun(db: Knex, id: string): Promise<JobRun | undefined> {
  await ensureJobRuns(db);
  const r = await db(JOB_RUNS_TABLE).where({ id }).first() as Record<string, unknown> | undefined;
  if (!r) return undefined;
  const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
  const stale = r.status === 'running' && Date.now() - new Date(r.updated_at as string).getTime() > STALE_MS;
  return {
    id: r.id as string, kind: r.kind as string, entity: (r.entity as string | null) ?? null, userId: (r.user_id as string | null) ?? null,
    status: stale ? 'failed' : (r.status as JobRun['status']), progress: r.progress as Record<string, unknown>,
    result: stale ? { error: 'interrupted' } : ((r.result as Record<string, unknown> | null) ?? null),
    createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!, finishedAt: iso(r.finished_at),
  };
}
