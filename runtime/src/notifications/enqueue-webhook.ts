import type { Knex } from 'knex';
import { enqueue } from './outbox-store';
import { wakeAfterCommit } from './wake';

/** A webhook call to queue: the URL (http or https), the method (POST by default), a JSON body and an idempotency key. */
export interface WebhookRequest {
  readonly url: string;
  readonly method?: 'POST' | 'PUT';
  readonly body: unknown;
  readonly key: string;
}

/**
 * Queues a webhook delivery in the caller's transaction (idempotent by key). body is JSON-serialisable. A URL that can
 * never be called (not http/https, a private address) is not refused here, where it would fail the business change
 * it rides on: the row goes dead when sent, where admins see why (GET /api/outbox?status=dead).
 */
export async function enqueueWebhook(trx: Knex.Transaction, w: WebhookRequest): Promise<void> {
  if (!w.key) throw new Error('enqueueWebhook needs a key');
  if (w.method !== undefined && w.method !== 'POST' && w.method !== 'PUT') throw new Error(`webhook method must be POST or PUT, not ${String(w.method)}`);
  // Serialised here, not only when sent: a body JSON cannot carry (a BigInt, a cycle) is the caller's bug, and throws now.
  const body: unknown = JSON.parse(JSON.stringify(w.body ?? null) ?? 'null');
  await enqueue(trx, 'webhook', [{ key: `webhook:${w.key}`, payload: { url: w.url, method: w.method ?? 'POST', body } }]);
  wakeAfterCommit(trx);
}
