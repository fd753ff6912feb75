import type { CookieOptions, Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';

/** The httpOnly cookie that carries the session token. */
export const SESSION_COOKIE = 'tessera_session';
/** The readable cookie that carries the CSRF token the client echoes in X-CSRF-Token. */
export const CSRF_COOKIE = 'tessera_csrf';
/** The header a cookie-authenticated unsafe request must carry. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The CSRF token of a session: derived from the secret session token, so it is bound to the session (a cookie planted
 * by a sibling subdomain cannot match) and every instance can check it without shared state or a server secret.
 */
export const csrfTokenFor = (sessionToken: string): string =>
  createHash('sha256').update(`tessera.csrf:${sessionToken}`).digest('base64url');

/** Whether a request's X-CSRF-Token header matches its session, compared in constant time. */
export function csrfMatches(req: Request, sessionToken: string): boolean {
  const sent = req.get(CSRF_HEADER);
  if (!sent) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(sent);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const base = (req: Request): CookieOptions => ({ path: '/', sameSite: 'lax', secure: req.secure });

/** Sets the session cookie (httpOnly) and its CSRF cookie (readable by the page's script). */
export function setSessionCookies(req: Request, res: Response, token: string, expires: Date): void {
  res.cookie(SESSION_COOKIE, token, { ...base(req), httpOnly: true, expires });
  res.cookie(CSRF_COOKIE, csrfTokenFor(token), { ...base(req), httpOnly: false, expires });
}

/** Clears both session cookies. */
export function clearSessionCookies(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { ...base(req), httpOnly: true });
  res.clearCookie(CSRF_COOKIE, base(req));
}
