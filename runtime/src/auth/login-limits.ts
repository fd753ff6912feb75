import type { Knex } from 'knex';

/** How many failed logins are allowed in a sliding window, per email and per client address. */
export interface LoginLimits {
  readonly perEmail: number;
  readonly perIp: number;
  readonly windowMs: number;
}

/** 10 failures per email and 30 per address in 15 minutes: an office behind one NAT still gets in; a guesser does not. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perEmail: 10, perIp: 30, windowMs: 15 * 60_000 };

/**
 * Seconds until a login for this email from this address may be tried again, or 0 when it may be tried now.
 * The counters are rows in Postgres, so they survive restarts and every instance sees the same ones.
 */
export async function loginRetryAfter(knex: Knex, key: { email: string; ip: string }, limits: LoginLimits): Promise<number> {
  const secs = limits.windowMs / 1000;
  // The block lifts when the limit-th most recent failure leaves the window.
  const wait = (column: 'email' | 'ip', value: string, limit: number) => knex('tessera_login_attempts')
    .where(column, value)
    .where('at', '>', knex.raw('now() - make_interval(secs => ?)', [secs]))
    .orderBy('at', 'desc')
    .offset(limit - 1)
    .limit(1)
    .select(knex.raw('ceil(extract(epoch from at + make_interval(secs => ?) - now()))::int as wait', [secs]));
  const { rows } = await knex.raw('select greatest(?, ?, 0) as wait', [wait('email', key.email, limits.perEmail), wait('ip', key.ip, limits.perIp)]) as { rows: Array<{ wait: number }> };
  return rows[0]!.wait;
}

/** Records a failed login, and forgets failures older than the window, in one transaction. */
export async function recordLoginFailure(knex: Knex, key: { email: string; ip: string }, limits: LoginLimits): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx('tessera_login_attempts').insert({ email: key.email, ip: key.ip });
    await trx('tessera_login_attempts').where('at', '<', trx.raw('now() - make_interval(secs => ?)', [limits.windowMs / 1000])).delete();
  });
}

/** Forgets an email's failures after a successful login, inside the caller's transaction (the address's stay). */
export async function clearLoginFailures(trx: Knex.Transaction, email: string): Promise<void> {
  await trx('tessera_login_attempts').where('email', email).delete();
}
