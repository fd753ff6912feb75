import type { Logger } from 'pino';
import type { DeliveryConfig } from '../config';

/** An e-mail as queued: rendered in the recipient's language when the event happened. */
export interface EmailPayload {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly locale: string;
  /** Where the recipient unsubscribes in one click (RFC 8058): sent as List-Unsubscribe, so mail clients offer it. */
  readonly unsubscribeUrl?: string;
}

/** A webhook call as queued: where, how, and the JSON body. */
export interface WebhookPayload {
  readonly url: string;
  readonly method: 'POST' | 'PUT';
  readonly body: unknown;
}

/** The payload of each kind of outbox row, by kind: the union of kinds is its keys. */
export interface OutboxPayloads {
  email: EmailPayload;
  webhook: WebhookPayload;
}

/** A kind of outbox row. */
export type OutboxKind = keyof OutboxPayloads;

/** One claimed row, as a sender gets it: the id and key make the delivery recognisable to a receiver that dedupes. */
export interface Delivery<P> {
  readonly id: string;
  readonly key: string;
  readonly payload: P;
}

/** A kind's delivery channel opened by one dispatcher (an SMTP transport, say); closed when the dispatcher stops. */
export interface Sender<P> {
  /** Delivers one row; it throws on failure, and the kind's `permanent` judges the error. */
  send(delivery: Delivery<P>): Promise<void>;
  close(): Promise<void>;
}

/**
 * Everything about one kind of delivery, in one object (one file per kind): whether this instance can deliver it, how,
 * which failures retrying cannot cure, and what of its payload an admin may see.
 */
export interface DeliveryKind<K extends OutboxKind> {
  readonly kind: K;
  /** Rows of a kind this instance cannot deliver (e-mail without SMTP_URL) wait for one that can. */
  enabled(config: DeliveryConfig): boolean;
  open(config: DeliveryConfig, logger: Logger): Sender<OutboxPayloads[K]>;
  /** Whether a failure is for good (a refused address, a 4xx answer): the row goes dead at once. */
  permanent(error: unknown): boolean;
  /** The payload as the outbox API shows it, with any credential masked. */
  redact(payload: OutboxPayloads[K]): unknown;
}

/** A failed delivery with what the receiver said; retryAfterMs is its Retry-After, when it gave one. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(message: string, readonly details: { readonly code?: string; readonly status?: number; readonly retryAfterMs?: number } = {}) {
    super(message);
  }
}

/** The one-line error text stored as last_error (bounded: an answer body can be large). */
export function errorText(error: unknown): string {
  return describe(error).replace(/\s+/g, ' ').trim().slice(0, 1000);
}

// Node reports a connection that failed on every address of a name (IPv6 and IPv4) as an AggregateError with no
// message of its own: the reasons are in its errors.
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return [...new Set(error.errors.map(describe))].join('; ');
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return error.message || (typeof code === 'string' ? code : error.name);
}
