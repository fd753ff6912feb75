import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../../src/db/connect';
import type { ServerProcess } from './child-server';
import { timerJobs } from './rows';

/** The server is killed when this many user decisions have answered 200 (of about 75); deciders start once a timer fired. */
export const KILL_AFTER = [24, 50];
/**
 * CRASH_TEST_KILL_ON_ACTIVE_TIMERS=n (PostgreSQL only) submits the timeout deals at once and makes the first kill fall
 * while n timer jobs are active in pg-boss. A server's worker takes one job at a time (jobs.ts), so only n=1 can
 * happen. Jobs a kill leaves active are taken again only when pg-boss expires them (jobs.ts: 15 s, looked for every
 * 10 s), so their timeouts fire that much later. Not set: the kills fall after KILL_AFTER decisions, wherever timers are.
 */
export const KILL_ON_ACTIVE_TIMERS = Number(process.env.CRASH_TEST_KILL_ON_ACTIVE_TIMERS ?? 0);

/** One kill: the decisions answered and timeouts seen when it fell, and how long the restart took. */
export interface Crash {
  readonly afterDecisions: number;
  readonly timersSeen: number;
  restartMs: number;
}

/** Where the stream is, which the kills are timed by. */
export interface StreamProgress {
  readonly done: boolean;
  readonly decisions: number;
  readonly timersSeen: number;
}

/** Kills the server with SIGKILL at the planned moments of the stream, and starts it again on the same database. */
export class Killer {
  readonly crashes: Crash[] = [];
  private restart: Promise<void> | undefined;
  private failure: unknown;

  constructor(private readonly server: ServerProcess) {}

  /** True from a kill until the server listens again. */
  get restarting(): boolean {
    return this.restart !== undefined;
  }

  /** Kills and restarts the server once the decisions reach the next KILL_AFTER mark (at once when forced), one kill at a time. */
  maybeKill(progress: StreamProgress, force = false): void {
    const next = KILL_AFTER[this.crashes.length];
    if (this.restart || next === undefined || (!force && progress.decisions < next)) return;
    // Killed in the middle: other clients' requests are in flight, timers are due, e-mails are being sent.
    const crash: Crash = { afterDecisions: progress.decisions, timersSeen: progress.timersSeen, restartMs: 0 };
    this.crashes.push(crash);
    this.restart = (async () => {
      await this.server.kill();
      const t0 = Date.now();
      await this.server.start();
      crash.restartMs = Date.now() - t0;
    })()
      // Kept for settled(): meanwhile the clients wait for the restart and fail at their deadline with the server's output.
      .catch((error: unknown) => {
        this.failure = error;
      })
      .finally(() => {
        this.restart = undefined;
      });
  }

  /** With KILL_ON_ACTIVE_TIMERS: polls pg-boss's jobs and forces the first kill once that many timer jobs are active. */
  async watchActiveTimers(db: Database, progress: StreamProgress): Promise<void> {
    while (!progress.done && this.crashes.length === 0) {
      const active = (await timerJobs(db)).filter((j) => j.state === 'active').length;
      if (active >= KILL_ON_ACTIVE_TIMERS) this.maybeKill(progress, true);
      await sleep(2);
    }
  }

  /** Waits for a restart under way; throws if a restart failed. */
  async settled(): Promise<void> {
    await this.restart;
    if (this.failure) throw this.failure;
  }
}
