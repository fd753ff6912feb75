import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { prepared, run } from '../db/statement';
import { ROLES_SQL, SUBORDINATE_IDS_SQL, TEAM_IDS_SQL, toAuthUser, type AuthUser, type UserRow } from './users';

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
    .returning('expires_at') as Array<{ expires_at: string }>;
  return { token, expiresAt: new Date(row!.expires_at) };
}

// Token shapes issueToken makes; anything else is refused without a query.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

// The user of a live session, with its role names, departments and subordinates; one prepared statement (it runs on
// every uncached request).
const RESOLVE = prepared(`select u.id, u.email, u.name, s.expires_at, ${ROLES_SQL}, ${TEAM_IDS_SQL}, ${SUBORDINATE_IDS_SQL}
  from tessera_sessions s join "user" u on u.id = s.user_id
  where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now() and coalesce(u.active, true)`, 'auth');

/** A token's user and until when its session lives. */
export interface ResolvedToken {
  readonly user: AuthUser;
  readonly expiresAt: Date;
}

/** The active user a token belongs to, or undefined when it is unknown, expired, revoked, or its user is inactive. */
export async function resolveToken(knex: Knex, token: string): Promise<ResolvedToken | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const [row] = await run(knex, RESOLVE, [tokenHash(token)]) as unknown as Array<UserRow & { expires_at: string }>;
  return row && { user: toAuthUser(row), expiresAt: new Date(row.expires_at) };
}

/** Revokes a token; answers whether it was live. */
export async function revokeToken(knex: Knex, token: string): Promise<boolean> {
  return knex.transaction(async (trx) => {
    const count = await trx('tessera_sessions').where('token_hash', tokenHash(token)).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
    return count > 0;
  });
}
