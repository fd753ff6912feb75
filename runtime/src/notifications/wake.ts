import type { Knex } from 'knex';

/** Something that delivers outbox rows when woken (a started OutboxDispatcher). */
export interface Wakeable {
  wake(): void;
}

// The dispatchers started in this process. Rows written here are delivered as soon as their transaction commits
// instead of at the next poll; other instances' dispatchers still find them by polling.
const started = new Set<Wakeable>();

/** Adds a started dispatcher to those woken after a commit that queued something. */
export function addWakeable(w: Wakeable): void {
  started.add(w);
}

/** Removes a stopped dispatcher. */
export function removeWakeable(w: Wakeable): void {
  started.delete(w);
}

/** Wakes every started dispatcher of this process (after an admin's retry, say). */
export function wakeDispatchers(): void {
  for (const w of started) w.wake();
}

/**
 * Wakes the dispatchers once the transaction that queued rows has committed (never on a rollback). Inside a nested
 * transaction that is the savepoint's release, a little early: the claim then finds nothing and the poll catches up.
 */
export function wakeAfterCommit(trx: Knex.Transaction): void {
  if (started.size === 0) return;
  trx.executionPromise.then(wakeDispatchers, () => {});
}
