import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../../src/db/connect';
import { PROCESSES } from './app';
import { STREAM_MS, type Client } from './client';
import type { Killer } from './kills';
import { timerJobs } from './rows';
import type { Cast } from './seed';

/** What the wait reads of the stream, and the timeouts it counts for the deciders. */
interface Watched {
  readonly allSubmitted: boolean;
  timersSeen: number;
}

/**
 * Polls until every deal has its instance and none is running; meanwhile counts the absent reviewer's decided tasks
 * (timeouts fired) into `timersSeen`, which the deciders wait for. Throws with what is stuck at the stream's deadline.
 */
export async function untilFinished(client: Client, cast: Cast, stream: Watched, killer: Killer, pg?: Database): Promise<void> {
  for (;;) {
    const timedOut = await client.call('GET', `/api/tasks?assignee=${cast.ids.absent}&status=approved,rejected&limit=200`, cast.admin);
    if (timedOut.status === 200) stream.timersSeen = timedOut.body.data!.length;
    // Not while restarting: the counts of a server that is about to die prove nothing.
    if (stream.allSubmitted && !killer.restarting) {
      const counts = await Promise.all(Object.keys(PROCESSES).map(async (p) => (await client.ok(200, 'GET', `/api/processes/${p}/instances`, cast.admin)) as { byStatus: Record<string, number> }));
      const total = counts.reduce((n, c) => n + Object.values(c.byStatus).reduce((a, b) => a + b, 0), 0);
      const running = counts.reduce((n, c) => n + (c.byStatus.running ?? 0), 0);
      if (total === cast.deals.length && running === 0) return;
    }
    if (Date.now() > client.deadline) throw new Error(`instances still running after ${STREAM_MS} ms: ${await stuck(client, cast, killer, pg)}`);
    await sleep(150);
  }
}

/** Polls the outbox until no e-mail is pending or being sent. */
export async function untilMailed(client: Client, admin: string): Promise<void> {
  for (;;) {
    const waiting = await Promise.all(['pending', 'sending'].map(async (s) => ((await client.ok(200, 'GET', `/api/outbox?status=${s}&limit=200`, admin)).data as unknown[]).length));
    if (waiting.every((n) => n === 0)) return;
    if (Date.now() > client.deadline) throw new Error(`outbox rows still pending, sending after ${STREAM_MS} ms: ${waiting.join(', ')}`);
    await sleep(100);
  }
}

/** What is still running, for the message of a stream that does not end: instances, timer jobs by state, the kills. */
async function stuck(client: Client, cast: Cast, killer: Killer, pg?: Database): Promise<string> {
  const running = [];
  for (const d of cast.deals) {
    const list = (await client.call('GET', `/api/records/deal/${d.id}/processes`, cast.admin)).body.data as Array<{ status: string; waitingAt: unknown; tasks: unknown }>;
    for (const i of list.filter((x) => x.status === 'running')) running.push({ deal: d.id, kind: d.kind, waitingAt: i.waitingAt, tasks: i.tasks });
  }
  const earliest = (a: Date | null, b: Date | null) => (a && b && b < a ? b : (a ?? b));
  const byState = new Map<string, { state: string; n: number; since: Date | null }>();
  for (const j of pg ? await timerJobs(pg) : []) {
    const s = byState.get(j.state) ?? { state: j.state, n: 0, since: null };
    byState.set(j.state, { state: j.state, n: s.n + 1, since: earliest(s.since, j.started_on) });
  }
  const jobs = pg ? [...byState.values()] : 'not readable while PGlite is open';
  const active = byState.has('active')
    ? 'timer jobs were left active by a kill: pg-boss takes them again only when they expire (jobs.ts: 15 s, looked for every 10 s); see KILL_ON_ACTIVE_TIMERS. '
    : '';
  return `${active}${JSON.stringify({ running, timerJobs: jobs, kills: killer.crashes }, null, 1)}`;
}
