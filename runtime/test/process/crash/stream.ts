import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../../src/db/connect';
import { DECIDERS } from './app';
import type { ServerProcess } from './child-server';
import type { Client } from './client';
import { KILL_ON_ACTIVE_TIMERS, Killer, type Crash, type StreamProgress } from './kills';
import type { Cast } from './seed';
import { untilFinished, untilMailed } from './settle';

// At once when the kill waits for active timers: their timeouts come due together, so the watcher finds them active.
const SUBMIT_EVERY_MS = KILL_ON_ACTIVE_TIMERS ? 0 : 300;

/** One decision a client sent, with the answer it finally got. */
export interface Sent {
  readonly task: string;
  readonly user: string;
  readonly decision: 'approve' | 'reject';
  readonly comment: string;
  readonly status: number;
  readonly lost: number;
}

/** One submit of a timeout deal, with the answer it finally got. */
export interface Submit {
  readonly deal: string;
  readonly status: number;
  readonly lost: number;
}

/** What the clients sent and got, the kills, and how long the stream took. */
export interface StreamResult {
  readonly sent: Sent[];
  readonly submits: Submit[];
  readonly failures: string[];
  readonly crashes: Crash[];
  readonly streamMs: number;
}

type Task = { id: string; node: string; status: string; record: { id: string } };

/** A small seeded generator, so the decisions (not their timing) are the same on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The stream's simulated users, and what they share: the decisions so far, the timeouts seen, the end. */
class Stream implements StreamProgress {
  readonly sent: Sent[] = [];
  readonly submits: Submit[] = [];
  readonly failures: string[] = [];
  done = false;
  allSubmitted = false;
  decisions = 0;
  timersSeen = 0;
  private readonly pick = random(20240607);

  constructor(private readonly client: Client, private readonly cast: Cast, private readonly killer: Killer) {}

  /** A user who decides every open task they see, one after another, with a moment's thought between. */
  async decider(user: string): Promise<void> {
    const seen = new Set<string>();
    const think = random(user.length * 7919 + user.charCodeAt(user.length - 1));
    // The deciders start once the first timeout has fired, so that the kills fall among timers too.
    while (this.timersSeen === 0 && Date.now() < this.client.deadline) await sleep(50);
    while (!this.done && Date.now() < this.client.deadline) {
      const fresh = (await this.inbox(user)).filter((t) => !seen.has(t.id));
      if (!fresh.length) await sleep(50);
      for (const task of fresh) {
        seen.add(task.id);
        await this.decide(user, task);
        await sleep(40 + think() * 120);
      }
    }
  }

  /** The slow reviewer: answers each task 1–3 s after seeing it, racing its PT2S timeout. */
  async slowReviewer(): Promise<void> {
    const seen = new Set<string>();
    const late: Array<Promise<void>> = [];
    const when = random(99);
    while (!this.done && Date.now() < this.client.deadline) {
      for (const task of (await this.inbox('slow')).filter((t) => !seen.has(t.id))) {
        seen.add(task.id);
        late.push(sleep(1000 + when() * 2000).then(() => this.decide('slow', task)));
      }
      await sleep(100);
    }
    await Promise.all(late);
  }

  /** The reps submit the timeout deals, one every SUBMIT_EVERY_MS; a submit that got no answer is sent again. */
  async submitter(): Promise<void> {
    for (const d of this.cast.deals.filter((x) => x.kind !== 'review')) {
      const answer = await this.client.call('POST', `/api/records/deal/${d.id}/submit`, this.cast.tokens[d.owner]);
      this.submits.push({ deal: d.id, status: answer.status, lost: answer.lost });
      // 409 (still running) or 422 (finished, no longer a draft): a first try that had committed before the crash.
      if (!(answer.status === 201 || (answer.lost > 0 && (answer.status === 409 || answer.status === 422)))) {
        this.failures.push(`submit of ${d.id} answered ${answer.status} after ${answer.lost} lost tries: ${JSON.stringify(answer.body)}`);
      }
      await sleep(SUBMIT_EVERY_MS);
    }
    this.allSubmitted = true;
  }

  /** Sends one decision (mostly approvals) and keeps it; a 200 may be the moment of a kill. */
  private async decide(user: string, task: Task): Promise<void> {
    const decision = this.pick() < (task.node === 'mgr' ? 0.15 : 0.25) ? 'reject' : 'approve';
    const comment = `crash-test ${task.id} ${user}`;
    const answer = await this.client.call('POST', `/api/tasks/${task.id}/decision`, this.cast.tokens[user], { decision, comment });
    this.sent.push({ task: task.id, user, decision, comment, status: answer.status, lost: answer.lost });
    if (answer.status !== 200 && answer.status !== 409) this.failures.push(`decision on ${task.id} by ${user} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    if (answer.status === 200) {
      this.decisions++;
      this.killer.maybeKill(this);
    }
  }

  /** The user's open tasks. */
  private async inbox(user: string): Promise<Task[]> {
    const answer = await this.client.call('GET', '/api/tasks?status=open&limit=200', this.cast.tokens[user]);
    if (answer.status !== 200) {
      this.failures.push(`GET /api/tasks for ${user} answered ${answer.status}`);
      return [];
    }
    return answer.body.data as Task[];
  }
}

/** Runs the stream, with its kills and restarts, until every instance finished and every e-mail went out. */
export async function runStream(client: Client, cast: Cast, server: ServerProcess, pg?: Database): Promise<StreamResult> {
  const killer = new Killer(server);
  const stream = new Stream(client, cast, killer);
  client.startStream();
  const started = Date.now();
  const clients = Promise.all([
    ...(KILL_ON_ACTIVE_TIMERS && pg ? [killer.watchActiveTimers(pg, stream)] : []),
    stream.submitter(), ...DECIDERS.map((user) => stream.decider(user)), stream.slowReviewer(),
  ]);
  // When the wait below fails, that failure is the one to report, not a client's that gave up on the same problem later.
  clients.catch(() => undefined);
  try {
    await untilFinished(client, cast, stream, killer, pg);
  } finally {
    stream.done = true;
  }
  await clients;
  await killer.settled();
  await untilMailed(client, cast.admin);
  return { sent: stream.sent, submits: stream.submits, failures: stream.failures, crashes: killer.crashes, streamMs: Date.now() - started };
}
