import { rm } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { connect } from '../../src/db/connect';
import type { BenchOptions } from '../options';
import { startPgCluster } from '../pg-cluster';
import { spawnServer } from '../targets/spawn';
import { onTeardown } from '../teardown';
import { writeApprovalsApp } from './app';
import { auditDecisions, type Audit } from './audit';
import { driveDecisions, type DecisionSample } from './driver';
import { addPeople } from './people';
import { REQUESTS_PER_SUBMISSION, type DecisionRequest } from './plan';
import { seedSubmissions } from './seed-submissions';

/** One measured round: decisions (200 answers) per second, every answer per second, the answers' p99, and when the tasks ran out if they did. */
export interface ApprovalRound {
  readonly decisionsPerSecond: number;
  readonly answersPerSecond: number;
  readonly p99: number;
  readonly dryAfter?: number;
}

/** The rounds of the approvals run, the audit of everything it decided, the budget the rounds' median must meet, and what else ran. */
export interface ApprovalsResult {
  readonly rounds: readonly ApprovalRound[];
  readonly audit: Audit;
  readonly minDecisionsPerSecond: number;
  /** Open tasks the approvers' inboxes left out while seeding (see seed-submissions.ts); the run used them all the same. */
  readonly inboxSkipped: number;
  /** The machine's 1-minute load average and core count just before the warm-up: other work on it shows here. */
  readonly load: { readonly average: number; readonly cores: number };
}

/** DESIGN.md §7: approval decisions sustained, per second, on PostgreSQL (and none lost or doubled, which the audit checks). */
const MIN_DECISIONS_PER_SECOND = 300;
// Answers per second the warm-up's tasks are seeded for (the budget); the rounds are sized on the fastest phase so far.
const FIRST_GUESS = MIN_DECISIONS_PER_SECOND;
// Tasks seeded beyond what the last rate calls for, so that a faster round does not run out of them.
const HEADROOM = 2;

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

const p99 = (latencies: readonly number[]) => [...latencies].sort((a, b) => a - b)[Math.max(0, Math.ceil(latencies.length * 0.99) - 1)] ?? 0;

const answered = (sample: DecisionSample) => [...sample.byStatus.values()].reduce((n, ids) => n + ids.length, 0);

/**
 * DESIGN.md §7's approval budget: on a throwaway PostgreSQL of its own, Tessera's server (targets/tessera.js) on the
 * approvals app, the approvers logged in, then a warm-up and rounds of decisions at c=connections on submissions
 * seeded through the engine beforehand (topped up between phases, unmeasured); at the end, the database is audited
 * against every answer of the run.
 */
export async function runApprovals(options: BenchOptions): Promise<ApprovalsResult> {
  const cluster = await startPgCluster();
  log(`approvals: ${cluster.version} on ${cluster.url}`);
  const appDir = await writeApprovalsApp();
  onTeardown(() => rm(appDir, { recursive: true, force: true }));
  const server = await spawnServer('tessera.js', { databaseUrl: cluster.url, fixture: { rows: 0, ids: [] } }, {
    // Without SMTP_URL no e-mail is queued: the notifications measured are the in-app ones, written in the decision's transaction.
    TESSERA_APP_DIR: appDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', SMTP_URL: '',
  });
  onTeardown(() => server.stop());
  const db = await connect({ url: cluster.url });
  try {
    const people = await addPeople(db, server.baseUrl);
    const tokens = people.approvers.map((a) => a.token);
    const answers = { ok: [] as string[], closed: [] as string[], other: 0 };
    const queue: DecisionRequest[] = [];
    let sent = 0;
    let submitted = 0;
    let inboxSkipped = 0;
    let fastest: number | undefined;
    // Seeds what a phase at the fastest rate so far would take, less what is still queued; seeding is not measured.
    const topUp = async (seconds: number, what: string) => {
      const missing = Math.ceil((fastest ?? FIRST_GUESS) * seconds * HEADROOM) + options.connections - (queue.length - sent);
      if (missing <= 0) return;
      const submissions = Math.ceil(missing / REQUESTS_PER_SUBMISSION);
      const seededAt = performance.now();
      const batch = await seedSubmissions(db, server.baseUrl, people, submitted, submissions);
      for (const request of batch.queue) queue.push(request);
      submitted += submissions;
      inboxSkipped += batch.skipped;
      if (batch.skipped) log(`${what}: the approvers' inboxes (GET /api/tasks, all pages) left out ${batch.skipped} open tasks`);
      log(`${what}: ${submissions} submissions seeded in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`);
    };
    const phase = async (seconds: number, what: string): Promise<DecisionSample> => {
      await topUp(seconds, what);
      const sample = await driveDecisions(server.baseUrl, tokens, queue.slice(sent), { connections: options.connections, seconds });
      sent += sample.sent;
      for (const [status, ids] of sample.byStatus) {
        if (status === 200) answers.ok.push(...ids);
        else if (status === 409) answers.closed.push(...ids);
        else answers.other += ids.length;
      }
      fastest = Math.max(fastest ?? 0, answered(sample) / sample.seconds);
      if (sample.dryAfter !== undefined) log(`${what}: ran out of tasks after ${sample.dryAfter.toFixed(1)} s`);
      return sample;
    };
    const load = { average: loadavg()[0]!, cores: availableParallelism() };
    await phase(options.warmupSeconds, 'approvals warm-up');
    const rounds: ApprovalRound[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const what = `approvals round ${round}/${options.rounds}`;
      const sample = await phase(options.roundSeconds, what);
      const ok = sample.byStatus.get(200)?.length ?? 0;
      const measured: ApprovalRound = {
        decisionsPerSecond: ok / sample.seconds, answersPerSecond: answered(sample) / sample.seconds, p99: p99(sample.latencies),
        ...(sample.dryAfter === undefined ? {} : { dryAfter: sample.dryAfter }),
      };
      log(`${what}: ${Math.round(measured.decisionsPerSecond)} decisions/s (${Math.round(measured.answersPerSecond)} answers/s), p99 ${measured.p99.toFixed(1)} ms`);
      rounds.push(measured);
    }
    return { rounds, audit: await auditDecisions(db, answers), minDecisionsPerSecond: MIN_DECISIONS_PER_SECOND, inboxSkipped, load };
  } finally {
    await db.close();
    await server.stop();
  }
}
