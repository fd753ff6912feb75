import type { Knex } from 'knex';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/connect';
import { sqlExecutor } from './sql-executor';

/** A job's handler: it runs once per delivery; pg-boss retries it (with backoff) when it throws. */
export type JobHandler = (data: Record<string, unknown>, job: { id: string }) => Promise<void>;

/** Tunables of the job queue. */
export interface JobOptions {
  /** How often idle workers look for due jobs. Default 1 s (pg-boss's floor is 0.5 s). */
  readonly pollingSeconds?: number;
}

// A job whose process died mid-run stays 'active' until it expires, and only then is handed out again. Handlers are short
// transactions that check their state again under the instance's lock, so a second run is harmless: let them expire soon.
const RETRY = { retryLimit: 10, retryDelay: 2, retryBackoff: true, expireInSeconds: 15 } as const;
// How often pg-boss looks for expired jobs (and does its other upkeep): bounds how late a crash makes a timer.
const MAINTENANCE_SECONDS = 10;

/**
 * Background jobs on pg-boss 10, in the app's database (PostgreSQL or PGlite, through knex): timers, waits and
 * escalations survive restarts, and any instance takes due jobs (SKIP LOCKED). Jobs sent with a transaction are
 * created in it, so a rolled-back change schedules nothing.
 */
export class Jobs {
  private readonly boss: PgBoss;
  private readonly queues = new Set<string>();
  private started = false;

  constructor(private readonly db: Database, private readonly logger: Logger, schema: string, private readonly options: JobOptions = {}) {
    this.boss = new PgBoss({ db: sqlExecutor(db.knex), schema, supervise: true, schedule: true, migrate: true, maintenanceIntervalSeconds: MAINTENANCE_SECONDS, ...RETRY });
    this.boss.on('error', (error: Error) => this.logger.error({ err: error }, 'job queue error'));
  }

  /** The pg-boss schema for an app schema: each app (and each test schema) keeps its own queue. */
  static async schemaFor(db: Database): Promise<string> {
    const row = (await db.knex.raw('select current_schema() as s')).rows[0] as { s: string };
    return row.s === 'public' ? 'tessera_jobs' : `${row.s}_jobs`.slice(0, 50);
  }

  /** Creates pg-boss's tables (first start) and starts its maintenance. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
  }

  /** Makes sure a queue exists (pg-boss 10 sends only to created queues). */
  async queue(name: string): Promise<void> {
    if (this.queues.has(name)) return;
    if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name, { name, ...RETRY });
    this.queues.add(name);
  }

  /**
   * Sends a job inside a transaction, to start at a time (at once when omitted); answers its id. The queue must have
   * been made before: making it here would wait, on PGlite, for the one connection the transaction holds.
   */
  async send(trx: Knex.Transaction, queue: string, data: Record<string, unknown>, startAfter?: Date): Promise<string | null> {
    if (!this.queues.has(queue)) throw new Error(`job queue "${queue}" was not made before sending to it`);
    return this.boss.send(queue, data, { ...RETRY, ...(startAfter ? { startAfter } : {}), db: sqlExecutor(trx) });
  }

  /** Takes jobs of a queue on this instance, a batch at a time. */
  async work(queue: string, handler: JobHandler): Promise<void> {
    await this.queue(queue);
    // One job at a time: a crash strands the job being handled, not others fetched behind it.
    await this.boss.work<Record<string, unknown>>(queue, { pollingIntervalSeconds: this.options.pollingSeconds ?? 1, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) await handler(job.data, { id: job.id });
    });
  }

  /** Runs a queue on a cron schedule (one job per tick across all instances), or stops it when cron is null. */
  async schedule(queue: string, cron: string | null, data: Record<string, unknown> = {}): Promise<void> {
    await this.queue(queue);
    if (cron === null) await this.boss.unschedule(queue);
    else await this.boss.schedule(queue, cron, data, { tz: 'UTC' });
  }

  /** The queues that have a cron schedule. */
  async schedules(): Promise<Array<{ name: string; cron: string }>> {
    return (await this.boss.getSchedules()).map((s) => ({ name: s.name, cron: s.cron }));
  }

  /** Stops taking jobs; a job being handled finishes first (or is retried after a crash). */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
