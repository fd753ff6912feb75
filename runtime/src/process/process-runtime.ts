import type { AppModel } from '@tessera/core';
import type { Logger } from 'pino';
import type { Database } from '../db/connect';
import { Jobs } from '../jobs/jobs';
import { deliveryConfig, ensureNotificationTables, OutboxDispatcher } from '../notifications';
import { ProcessEngine } from './engine';
import { nodeExecutors } from './nodes';
import { ProcessHooks } from './process-hooks';
import { startSchedules } from './schedules';
import { ensureProcessTables } from './tables';
import { TIMER_QUEUE, type TimerData } from './timer-data';
import { fireTimer } from './timers';
import { ProcessVersions, publishProcesses } from './versions';

/** Tunables of the process runtime. */
export interface ProcessRuntimeOptions {
  /** The engine's clock (tests move time with it). */
  readonly clock?: () => Date;
  /** How often idle job workers look for due timers, in seconds (default 1). */
  readonly pollingSeconds?: number;
  /** Where people reach the app, for links in messages; TESSERA_PUBLIC_URL by default. */
  readonly publicUrl?: string;
  /** Delivery settings of messages; read from the environment by default. */
  readonly delivery?: ReturnType<typeof deliveryConfig>;
}

/**
 * The process engine of one server: its tables, the published versions, the record hooks that start and lock, and
 * the background work (timer jobs, cron ticks, outbox delivery) that start() begins and stop() ends.
 */
export class ProcessRuntime {
  private constructor(
    readonly engine: ProcessEngine,
    readonly hooks: ProcessHooks,
    private readonly db: Database,
    /** The job queue, for other background work of the server (plugins' schedules). */
    readonly jobs: Jobs,
    private readonly outbox: OutboxDispatcher,
  ) {}

  /** Creates the engine's tables (the history table must exist), publishes the app's processes as versions, and readies (without starting) the background work. */
  static async create(app: AppModel, db: Database, logger: Logger, options: ProcessRuntimeOptions = {}): Promise<ProcessRuntime> {
    await ensureProcessTables(db.knex);
    await ensureNotificationTables(db.knex);
    const current = await publishProcesses(db.knex, app);
    const jobs = new Jobs(db, logger, await Jobs.schemaFor(db), { ...(options.pollingSeconds ? { pollingSeconds: options.pollingSeconds } : {}) });
    await jobs.start();
    await jobs.queue(TIMER_QUEUE);
    const engine = new ProcessEngine(app, new ProcessVersions(db.knex), current, jobs, options.clock, options.publicUrl ?? process.env.TESSERA_PUBLIC_URL ?? '');
    const delivery = options.delivery ?? deliveryConfig();
    const warnings = new Set(Object.values(app.processes).flatMap((p) => p.nodes.map((n) => nodeExecutors.get(n.type).configWarning?.(n as never, delivery))));
    for (const warning of warnings) if (warning) logger.warn(warning);
    return new ProcessRuntime(engine, new ProcessHooks(engine, app), db, jobs, new OutboxDispatcher(db, delivery, logger));
  }

  /** Starts the background work on this instance: timers, scheduled processes and message delivery. */
  async start(): Promise<void> {
    await this.jobs.work(TIMER_QUEUE, (data) => fireTimer(this.engine, this.db.knex, data as unknown as TimerData));
    await startSchedules(this.engine, this.jobs, this.db.knex);
    this.outbox.start();
  }

  /** Stops the background work; a job or delivery under way finishes first. */
  async stop(): Promise<void> {
    await this.outbox.stop();
    await this.jobs.stop();
  }
}
