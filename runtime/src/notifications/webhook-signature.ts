import { createHmac, timingSafeEqual } from 'node:crypto';

/** The X-Tessera-Signature value for a body sent at a time: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver checks: the raw body as received, and the X-Tessera-Timestamp and X-Tessera-Signature headers. */
export interface SignedWebhook {
  readonly secret: string;
  readonly body: string | Buffer;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  /** How old (or how far ahead) a timestamp may be, in seconds, so that a captured call cannot be replayed later. Default 300. */
  readonly toleranceSeconds?: number;
  /** The receiver's clock, in ms (tests). */
  readonly now?: number;
}

/**
 * Verifies a webhook's signature for receivers (and tests): the HMAC matches, compared in constant time, and the
 * timestamp (Unix seconds) is within the tolerance. Sign the raw body, not a re-serialisation of the parsed JSON.
 */
export function verifyWebhookSignature(w: SignedWebhook): boolean {
  if (!w.timestamp || !/^\d{1,12}$/.test(w.timestamp) || !w.signature) return false;
  const age = Math.abs((w.now ?? Date.now()) / 1000 - Number(w.timestamp));
  if (age > (w.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(w.secret, w.timestamp, Buffer.isBuffer(w.body) ? w.body.toString('utf8') : w.body));
  const given = Buffer.from(w.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
