import { permissionsFor, type Permissions } from '@tessera/core';
import cookieParser from 'cookie-parser';
import type { Request, RequestHandler, Response } from 'express';
import type { EffectiveRoles } from '../auth/role-store';
import { resolveToken, tokenHash } from '../auth/tokens';
import type { AuthUser } from '../auth/users';
import type { ServerContext } from './context';
import { problem } from './problem';
import { SESSION_COOKIE } from './session-cookies';

/** How a request proved who it is: the token, and whether it came as a Bearer header or the session cookie. */
export interface RequestAuth {
  readonly token: string;
  readonly via: 'bearer' | 'cookie';
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The signed-in user, on every route behind authenticate. */
      user: AuthUser;
      /** What the signed-in user's roles allow (compiled once per role set and AppModel). */
      permissions: Permissions;
      auth: RequestAuth;
    }
  }
}

const unauthorized = (detail: string, challenge = 'Bearer') =>
  problem(401, { code: 'auth.required', detail, headers: { 'WWW-Authenticate': challenge } });

/** Reads the credentials a request carries: a Bearer token wins over the session cookie. */
function credentials(header: string | undefined, cookie: unknown): RequestAuth | undefined {
  if (header !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(header);
    if (!match) throw unauthorized('The Authorization header must be "Bearer <token>".', 'Bearer error="invalid_request"');
    return { token: match[1]!, via: 'bearer' };
  }
  return typeof cookie === 'string' && cookie ? { token: cookie, via: 'cookie' } : undefined;
}

/** The roles in force; without them no request can be judged, so a failed read answers 503 rather than guessing. */
async function rolesInForce(ctx: ServerContext, req: Request): Promise<EffectiveRoles> {
  try {
    return await ctx.roles.roles();
  } catch (error) {
    req.log.error({ err: error }, 'roles could not be read');
    throw problem(503, { code: 'roles.unavailable', detail: 'The roles could not be read; try again shortly.', headers: { 'Retry-After': '1' } });
  }
}

const MAX_REMEMBERED_HASHES = 10_000;

/** Resolves a Bearer token or the session cookie into res.locals.user; refuses the request with 401 otherwise. */
export function authenticate(ctx: ServerContext): RequestHandler {
  const cache = ctx.tokens;
  // The cache is keyed by the token's SHA-256 (what invalidations name); live tokens remember theirs rather than
  // hashing on every request. Bounded, and only tokens that resolved are kept, so made-up tokens cannot fill it.
  const hashes = new Map<string, string>();
  const userOf = async (token: string) => {
    const key = hashes.get(token) ?? tokenHash(token).toString('hex');
    const cached = cache.get(key);
    if (cached) return cached;
    const generation = cache.generation;
    const resolved = await resolveToken(ctx.db.knex, token);
    if (resolved) {
      cache.set(key, resolved.user, resolved.expiresAt, generation);
      if (hashes.size >= MAX_REMEMBERED_HASHES) hashes.clear();
      hashes.set(token, key);
    }
    return resolved?.user;
  };
  // Cookies are parsed only for requests without a Bearer header: API clients never pay for it.
  const parseCookies = cookieParser();
  const sessionCookie = (req: Request, res: Response): unknown => {
    if (req.cookies === undefined) parseCookies(req, res, () => undefined);
    return (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  };
  return async (req, res, next) => {
    const header = req.get('authorization');
    const auth = credentials(header, header === undefined ? sessionCookie(req, res) : undefined);
    if (!auth) throw unauthorized('Sign in, or send a Bearer token.');
    const user = await userOf(auth.token);
    if (!user) throw unauthorized('The token or session is invalid, expired or revoked.', auth.via === 'bearer' ? 'Bearer error="invalid_token"' : 'Bearer');
    res.locals.user = user;
    res.locals.permissions = permissionsFor((await rolesInForce(ctx, req)).app, user.roles);
    res.locals.auth = auth;
    next();
  };
}
