/** The LISTEN/NOTIFY channel every instance's caches hear. */
export const INVALIDATION_CHANNEL = 'tessera_invalidate';

/**
 * The SQL of a notification's payload for a topic (an SQL text expression): prefixed with the writer's schema, since a
 * channel spans the whole database and apps in other schemas of it must not flush this app's caches.
 */
export const notifyTopicSql = (topic: string): string => `pg_notify('${INVALIDATION_CHANNEL}', current_schema() || ':' || ${topic})`;

/** Passes on the topics of one schema's notifications, without the prefix; others are another app's. */
export const topicsOf = (schema: string, onTopic: (topic: string) => void) => (payload: string): void => {
  if (payload.startsWith(`${schema}:`)) onTopic(payload.slice(schema.length + 1));
};

/** Starts listening; answers how to stop. onLost is called when the listening connection breaks. */
export type Listen = (onTopic: (topic: string) => void, onLost: () => void) => Promise<() => Promise<void>>;

/** What a cache hears: a topic that changed, or a reset (the listener was down, so anything may have changed). */
export type InvalidationHandler = (topic: string | undefined) => void;

const RETRY_MS = 1000;

/**
 * Cross-instance cache invalidation (DESIGN.md §6: caches must be safe to lose). A write publishes a topic inside its
 * transaction (pg_notify, from a trigger), and PostgreSQL delivers it to every instance after the commit. Caches may serve only while `live`:
 * while the listening connection is down, nothing that changed can be heard.
 */
export class Invalidations {
  private readonly handlers = new Set<InvalidationHandler>();
  private stop: (() => Promise<void>) | undefined;
  private starting: Promise<void> | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  /** Bumped on every topic and reset: a cache fill that began under an older generation must not be kept. */
  generation = 0;
  live = false;

  constructor(private readonly listen: Listen) {}

  /** Calls the handler with each topic heard (and undefined on a reset); the first subscriber starts the listener. */
  subscribe(handler: InvalidationHandler): () => void {
    this.handlers.add(handler);
    if (!this.starting && !this.closed) this.starting = this.connect();
    return () => this.handlers.delete(handler);
  }

  /** Stops listening for good. */
  async close(): Promise<void> {
    this.closed = true;
    this.live = false;
    clearTimeout(this.retry);
    await this.starting;
    await this.stop?.().catch(() => undefined);
  }

  private emit(topic: string | undefined): void {
    this.generation++;
    for (const handler of this.handlers) handler(topic);
  }

  private async connect(): Promise<void> {
    try {
      this.stop = await this.listen((topic) => this.emit(topic), () => this.lost());
      if (this.closed) await this.stop();
      else this.live = true;
    } catch {
      this.lost();
    }
  }

  private lost(): void {
    if (!this.live && this.retry) return;
    this.live = false;
    this.emit(undefined);
    if (this.closed) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.starting = this.connect();
    }, RETRY_MS);
    this.retry.unref();
  }
}
