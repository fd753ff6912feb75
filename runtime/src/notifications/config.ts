/** Where e-mail goes: the SMTP server (its URL may carry credentials) and the sender address. */
export interface SmtpSettings {
  readonly url: string;
  readonly from: string;
}

/** How the outbox delivers: channels, secrets and tunables, read once at start (deliveryConfig). */
export interface DeliveryConfig {
  /** E-mail is off when undefined: notifyUsers writes no e-mail rows, and queued ones wait. */
  readonly smtp?: SmtpSettings;
  /** The HMAC key webhooks are signed with; without it none is sent (each goes dead, to be retried once it is set). */
  readonly webhookSecret?: string;
  /** Lets webhooks reach private, loopback and link-local addresses (tests, an intranet receiver). */
  readonly allowPrivateAddresses: boolean;
  /** Tries before a row is given up as 'dead'. */
  readonly maxAttempts: number;
  /** The wait after the first failure; it doubles with each further one, up to backoffMaxMs. */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** The whole of one webhook call: DNS, connect, request and answer. */
  readonly webhookTimeoutMs: number;
  /** Each SMTP wait: connecting, the greeting, and silence on the socket. */
  readonly smtpTimeoutMs: number;
  /** How often an idle dispatcher looks for due rows. */
  readonly pollIntervalMs: number;
  /** How long a claimed row stays with its dispatcher; past it, the row is due again (its dispatcher died). */
  readonly leaseMs: number;
  /** Rows claimed, and sent side by side, at once. */
  readonly batchSize: number;
}

const TUNABLES = {
  maxAttempts: ['TESSERA_OUTBOX_MAX_ATTEMPTS', 8, 1],
  backoffBaseMs: ['TESSERA_OUTBOX_BACKOFF_MS', 2_000, 0],
  backoffMaxMs: ['TESSERA_OUTBOX_BACKOFF_MAX_MS', 3_600_000, 0],
  webhookTimeoutMs: ['TESSERA_WEBHOOK_TIMEOUT_MS', 10_000, 1],
  smtpTimeoutMs: ['TESSERA_SMTP_TIMEOUT_MS', 30_000, 1],
  pollIntervalMs: ['TESSERA_OUTBOX_POLL_MS', 1_000, 10],
  leaseMs: ['TESSERA_OUTBOX_LEASE_MS', 300_000, 1],
  batchSize: ['TESSERA_OUTBOX_BATCH', 10, 1],
} as const satisfies Record<string, readonly [string, number, number]>;

/** Reads a whole number of at least `min` from the environment, or the default; anything else is a start-up error. */
function tunable(env: NodeJS.ProcessEnv, [name, fallback, min]: readonly [string, number, number]): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const n = /^\d{1,12}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min)) throw new Error(`${name} must be a whole number of at least ${min}, not "${text}"`);
  return n;
}

/** Checks SMTP_URL without ever quoting it: it may hold a password. */
function smtpSettings(env: NodeJS.ProcessEnv): SmtpSettings | undefined {
  const url = env.SMTP_URL?.trim();
  if (!url) return undefined;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error('SMTP_URL is not a URL; expected smtp://user:password@host:587 or smtps://…');
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') throw new Error(`SMTP_URL must start with smtp:// or smtps://, not ${protocol}//`);
  // A made-up sender is refused or filed as spam by most servers: better to say so at start than to lose the mail.
  const from = env.MAIL_FROM?.trim();
  if (!from) throw new Error('MAIL_FROM must be set when SMTP_URL is (e.g. "Tessera <no-reply@example.com>")');
  return { url, from };
}

/**
 * Whether e-mail is on (SMTP_URL set). notifyUsers asks this rather than deliveryConfig: it runs inside business
 * transactions, which a malformed setting must not fail; deliveryConfig reports that at start.
 */
export const emailConfigured = (env: NodeJS.ProcessEnv = process.env): boolean => Boolean(env.SMTP_URL?.trim());

/** Delivery settings read from the environment: SMTP_URL and MAIL_FROM, the webhook secret, and the outbox tunables. */
export function deliveryConfig(env: NodeJS.ProcessEnv = process.env): DeliveryConfig {
  const numbers = Object.fromEntries(Object.entries(TUNABLES).map(([key, spec]) => [key, tunable(env, spec)])) as Record<keyof typeof TUNABLES, number>;
  // A lease shorter than a send would hand a row still being sent to another dispatcher, which would send it twice.
  if (numbers.leaseMs <= Math.max(numbers.webhookTimeoutMs, 3 * numbers.smtpTimeoutMs)) {
    throw new Error('TESSERA_OUTBOX_LEASE_MS must be longer than a send can take (the webhook timeout, three SMTP timeouts)');
  }
  const smtp = smtpSettings(env);
  const secret = env.TESSERA_WEBHOOK_SECRET;
  return {
    ...(smtp ? { smtp } : {}),
    ...(secret ? { webhookSecret: secret } : {}),
    allowPrivateAddresses: env.TESSERA_WEBHOOK_ALLOW_PRIVATE === '1' || env.TESSERA_WEBHOOK_ALLOW_PRIVATE === 'true',
    ...numbers,
  };
}
