import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { toAuthUser, userColumns, type AuthUser, type UserRow } from './users';

/** What a token is for: a login session (cookie and the token login answers) or a long-lived API token. */
export type TokenKind = 'session' | 'api';

/** A freshly issued token: the secret itself is only ever in this object and in the client's hands. */
export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/** The SHA-256 of a token, the only form the database keeps. */
export const tokenHash = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Creates a random 32-byte token for a user and stores its hash with an expiry. */
export async function issueToken(trx: Knex.Transaction, userId: string, kind: TokenKind, ttlMs: number): Promise<IssuedToken> {
  const token = randomBytes(32).toString('base64url');
  // Each login prunes the user's dead tokens, so the table stays as small as the live sessions.
  await trx('tessera_sessions').where('user_id', userId).where((q) => q.whereNotNull('revoked_at').orWhere('expires_at', '<', trx.fn.now())).delete();
  const [row] = await trx('tessera_sessions')
    .insert({ token_hash: tokenHash(token), user_id: userId, kind, expires_at: trx.raw(`now() + make_interval(secs => ?)`, [ttlMs / 1000]) })
    .returning('expires_at') as Array<{ expires_at: Date }>;
  return { token, expiresAt: row!.expires_at };
}

// Token shapes issueToken makes; anything else is refused without a query.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The active user a token belongs to, or undefined when it is unknown, expired, revoked, or its user is inactive. */
export async function resolveToken(knex: Knex, token: string): Promise<AuthUser | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const row = await knex('tessera_sessions as s')
    .join('user as u', 'u.id', 's.user_id')
    .where('s.token_hash', tokenHash(token))
    .whereNull('s.revoked_at')
    .where('s.expires_at', '>', knex.fn.now())
    .whereRaw('coalesce(u.active, true)')
    .first(userColumns(knex)) as UserRow | undefined;
  return row && toAuthUser(row);
}

/** Revokes a token; answers whether it was live. */
export async function revokeToken(knex: Knex, token: string): Promise<boolean> {
  return knex.transaction(async (trx) => {
    const count = await trx('tessera_sessions').where('token_hash', tokenHash(token)).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
    return count > 0;
  });
}
