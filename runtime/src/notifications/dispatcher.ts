import type { Logger } from 'pino';
import type { Database } from '../db/connect';
import type { DeliveryConfig } from './config';
import { deliveryKind, deliveryKinds, DeliveryError, type OutboxKind, type Sender } from './kinds';
import { errorText } from './kinds/delivery-kind';
import { buryExhausted, claimDue, markFailed, markSent, type ClaimedRow } from './outbox-store';
import { afterFailure } from './retry-policy';
import { addWakeable, removeWakeable } from './wake';

/**
 * Delivers outbox rows after commit: claims due rows with a lease (committed before sending, so no transaction or
 * connection is held while talking to SMTP/HTTP), sends them side by side, and marks each sent, to be retried after a
 * backoff, or dead. Polls every interval and on wake(); one batch runs at a time per dispatcher, and dispatchers of
 * several instances share the table safely (SKIP LOCKED, leases, and updates fenced to the claim).
 */
export class OutboxDispatcher {
  private readonly kinds: readonly OutboxKind[];
  private readonly senders = new Map<OutboxKind, Sender<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private started = false;
  private stopped = false;

  constructor(private readonly db: Database, private readonly config: DeliveryConfig, private readonly logger: Logger) {
    this.kinds = (Object.keys(deliveryKinds) as OutboxKind[]).filter((k) => deliveryKinds[k].enabled(config));
  }

  /** Starts polling (at once, then every interval). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    addWakeable(this);
    this.schedule(0);
  }

  /** Looks for due rows now rather than at the next poll (after the batch in flight, if one is). */
  wake(): void {
    if (this.started && !this.stopped) this.schedule(0);
  }

  /** Stops polling, waits for the batch in flight, and closes the channels (SMTP connections). */
  async stop(): Promise<void> {
    this.stopped = true;
    removeWakeable(this);
    clearTimeout(this.timer);
    await this.chain;
    const senders = [...this.senders.values()];
    this.senders.clear();
    await Promise.all(senders.map((s) => s.close()));
  }

  /** Delivers everything due now, repeatedly, until nothing is due (tests and the CLI use it). Returns how many were handled. */
  drain(): Promise<number> {
    return this.exclusive(async () => {
      let handled = 0;
      for (let n = await this.batch(); n > 0; n = await this.batch()) handled += n;
      return handled;
    });
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), ms);
    // A server's listening socket keeps the process alive; a dispatcher alone (a CLI, a test) must not.
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    try {
      await this.exclusive(async () => {
        while (!this.stopped && (await this.batch()) > 0);
      });
    } catch (error) {
      this.logger.error({ err: error }, 'outbox: could not read due deliveries');
    }
    // A wake() during the batch has set a sooner timer already; keep it.
    if (!this.stopped && this.timer === undefined) this.schedule(this.config.pollIntervalMs);
  }

  /** Runs work after any batch already running, so that one dispatcher never claims against itself. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => {});
    return run;
  }

  /** Claims and delivers one batch; answers how many rows it claimed. */
  private async batch(): Promise<number> {
    if (this.kinds.length === 0) return 0;
    const buried = await buryExhausted(this.db.knex, this.config.maxAttempts);
    if (buried > 0) this.logger.error({ count: buried }, 'outbox: interrupted deliveries had no tries left and are dead');
    const rows = await claimDue(this.db.knex, this.kinds, this.config);
    await Promise.all(rows.map((row) => this.deliver(row)));
    return rows.length;
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    const where = { outbox: row.id, kind: row.kind, key: row.key, attempt: row.attempts };
    let failure: unknown;
    try {
      await this.sender(row.kind).send(row);
    } catch (error) {
      failure = error;
    }
    try {
      if (failure === undefined) {
        if (!(await markSent(this.db.knex, row))) this.logger.warn(where, 'outbox: sent, but the claim had expired meanwhile');
        else this.logger.debug(where, 'outbox: delivered');
        return;
      }
      const permanent = deliveryKind(row.kind).permanent(failure);
      const retryAfterMs = failure instanceof DeliveryError ? failure.details.retryAfterMs : undefined;
      const outcome = afterFailure(row.attempts, { permanent, retryAfterMs }, this.config);
      await markFailed(this.db.knex, row, outcome, errorText(failure));
      const log = { ...where, error: errorText(failure), ...(outcome.dead ? {} : { retryInMs: outcome.delayMs }) };
      if (outcome.dead) this.logger.error(log, permanent ? 'outbox: delivery refused for good' : 'outbox: delivery failed on its last try');
      else this.logger.warn(log, 'outbox: delivery failed; it will be retried');
    } catch (error) {
      // The row stays claimed until its lease runs out, then it is due again: delivered twice at worst, and both the
      // e-mail's Message-ID and the webhook's X-Tessera-Delivery let a receiver tell.
      this.logger.error({ ...where, err: error }, 'outbox: could not record the outcome of a delivery');
    }
  }

  private sender(kind: OutboxKind): Sender<unknown> {
    let sender = this.senders.get(kind);
    if (!sender) {
      sender = deliveryKind(kind).open(this.config, this.logger) as Sender<unknown>;
      this.senders.set(kind, sender);
    }
    return sender;
  }
}
