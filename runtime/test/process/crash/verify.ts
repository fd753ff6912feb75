import type { Database } from '../../../src/db/connect';
import { loadRows, timerJobs, type Rows, type StepRow } from './rows';
import type { Deal } from './seed';
import type { Sent, Submit } from './stream';
import { verifyMessages } from './verify-messages';

/** The run as the clients and the SMTP sink saw it. */
export interface Witnessed {
  readonly deals: readonly Deal[];
  /** User ids by key. */
  readonly ids: Record<string, string>;
  readonly sent: readonly Sent[];
  readonly submits: readonly Submit[];
  /** The Message-ID of every e-mail the sink received, a copy as often as it came. */
  readonly received: readonly string[];
}

const count = <T>(xs: readonly T[], p: (x: T) => boolean) => xs.filter(p).length;
const isDecision = (s: StepRow) => s.event === 'approved' || s.event === 'rejected';

/** Instances: one per deal (a submit sent twice started one), each finished once, none running, no record left locked. */
function verifyInstances({ instances, steps, deals, lockedRecords }: Rows, run: Witnessed): void {
  expect(instances).toHaveLength(run.deals.length);
  expect(new Set(instances.map((i) => i.record_id))).toEqual(new Set(run.deals.map((d) => d.id)));
  expect(instances.filter((i) => !['approved', 'rejected'].includes(i.status))).toEqual([]);
  for (const i of instances) {
    expect([i.id, count(steps, (s) => s.instance === i.id && s.event === 'submitted')]).toEqual([i.id, 1]);
    expect([i.id, count(steps, (s) => s.instance === i.id && s.event === 'finished')]).toEqual([i.id, 1]);
    expect([i.id, deals.find((d) => d.id === i.record_id)?.approval_status]).toEqual([i.id, i.status]);
  }
  expect(lockedRecords).toBe(0);
}

/** Tasks: assigned once; a decided one has exactly one decision step (a user's or its timeout's), any other none. */
function verifyTasks({ tasks, steps }: Rows): void {
  for (const t of tasks) {
    const decisions = steps.filter((s) => s.task === t.id && isDecision(s));
    expect([t.id, count(steps, (s) => s.task === t.id && s.event === 'assigned')]).toEqual([t.id, 1]);
    if (t.status === 'approved' || t.status === 'rejected') {
      expect([t.id, decisions.map((s) => s.event)]).toEqual([t.id, [t.status]]);
      const byTimeout = t.comment === 'timed out';
      expect([t.id, decisions[0]!.user_id, decisions[0]!.comment === 'timed out']).toEqual([t.id, byTimeout ? null : t.decided_by, byTimeout]);
    } else {
      expect([t.id, t.status, decisions]).toEqual([t.id, 'cancelled', []]);
    }
  }
}

/**
 * Decisions: every one answered 200 is in history once, as sent; a retried one answered 409 is there once if its
 * first try had committed; one answered 409 at once is not there; and nothing else is.
 */
function verifyDecisions({ steps }: Rows, run: Witnessed) {
  const tagged = (d: Sent) => steps.filter((s) => s.task === d.task && s.comment === d.comment);
  const asSent = (d: Sent) => expect([d.task, d.user, tagged(d).map((s) => [s.event, s.user_id])])
    .toEqual([d.task, d.user, [[d.decision === 'approve' ? 'approved' : 'rejected', run.ids[d.user]]]]);
  const answered200 = run.sent.filter((d) => d.status === 200);
  answered200.forEach(asSent);
  const retried409 = run.sent.filter((d) => d.status === 409 && d.lost > 0);
  const committedBeforeCrash = retried409.filter((d) => tagged(d).length > 0);
  committedBeforeCrash.forEach(asSent);
  for (const d of run.sent.filter((x) => x.status === 409 && x.lost === 0)) expect([d.task, d.user, tagged(d)]).toEqual([d.task, d.user, []]);
  const userSteps = steps.filter((s) => isDecision(s) && s.comment?.startsWith('crash-test '));
  expect(userSteps).toHaveLength(answered200.length + committedBeforeCrash.length);
  expect(userSteps.length + count(steps, (s) => isDecision(s) && s.comment === 'timed out')).toBe(count(steps, isDecision));
  return {
    userDecisions: userSteps.length,
    answered200: answered200.length,
    answered409: count(run.sent, (d) => d.status === 409),
    retriedRequests: count(run.sent, (d) => d.lost > 0) + count(run.submits, (s) => s.lost > 0),
    retried200: count(answered200, (d) => d.lost > 0),
    retried409: retried409.length,
    retried409CommittedBeforeCrash: committedBeforeCrash.length,
    submitsRetried: run.submits.filter((s) => s.lost > 0).map((s) => s.status),
  };
}

/** Timers: each task that timed out did so once, and all the absent reviewer's did; every timer job finished, or see below. */
async function verifyTimers(db: Database, { tasks }: Rows, run: Witnessed) {
  expect(tasks.filter((t) => t.assignee === run.ids.absent && (t.comment !== 'timed out' || t.status !== 'approved'))).toEqual([]);
  const raceTasks = tasks.filter((t) => t.assignee === run.ids.slow);
  // A job the kill caught after its transaction committed stays 'active' until pg-boss expires it, then runs as a no-op.
  const jobs = await timerJobs(db);
  expect(jobs).toHaveLength(count(tasks, (t) => t.node === 'rev'));
  const leftActive = jobs.filter((j) => j.state !== 'completed');
  expect(leftActive.filter((j) => j.state !== 'active' || tasks.find((t) => t.id === j.task)?.status === 'open')).toEqual([]);
  return {
    timersFired: count(tasks, (t) => t.comment === 'timed out'),
    raceWonByTimer: count(raceTasks, (t) => t.comment === 'timed out'),
    raceWonByUser: count(raceTasks, (t) => t.comment !== 'timed out'),
    timerJobsLeftActiveByKill: leftActive.length,
  };
}

/** Checks exactly-once in the tables the server wrote and in the SMTP sink; answers the counts. */
export async function verify(db: Database, run: Witnessed) {
  const rows = await loadRows(db);
  verifyInstances(rows, run);
  verifyTasks(rows);
  const decisions = verifyDecisions(rows, run);
  const { timerJobsLeftActiveByKill, ...timers } = await verifyTimers(db, rows, run);
  const messages = verifyMessages(rows, run.received);
  return { instances: rows.instances.length, tasks: rows.tasks.length, ...decisions, ...timers, ...messages, timerJobsLeftActiveByKill };
}
