import { Router, type Request, type Response } from 'express';
import { clearLoginFailures, loginRetryAfter, recordLoginFailure } from '../../auth/login-limits';
import { verifyPassword } from '../../auth/passwords';
import { issueToken, revokeToken, tokenHash } from '../../auth/tokens';
import { findLoginCandidate, normalizeEmail, publicUser } from '../../auth/users';
import type { RouteModule, ServerContext } from '../context';
import { problem, type ProblemFieldError } from '../problem';
import { clearSessionCookies, setSessionCookies } from '../session-cookies';

const MAX_EMAIL = 320;
// argon2 hashes whatever it is given: cap the work one request can ask for.
const MAX_PASSWORD = 1024;

/** Reads {email, password} from a login body, or answers 400 with the paths at fault. */
function readCredentials(body: unknown): { email: string; password: string } {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors: ProblemFieldError[] = [];
  const check = (name: 'email' | 'password', max: number) => {
    const value = b[name];
    if (typeof value !== 'string' || value.length === 0) errors.push({ path: `/${name}`, code: 'required', message: `${name} must be a non-empty string` });
    else if (value.length > max) errors.push({ path: `/${name}`, code: 'maxLength', message: `${name} must be at most ${max} characters` });
  };
  check('email', MAX_EMAIL);
  check('password', MAX_PASSWORD);
  if (typeof body !== 'object' || body === null || Array.isArray(body) || errors.length) {
    throw problem(400, { code: 'body.invalid', detail: 'Send {"email", "password"}.', errors });
  }
  return { email: b.email as string, password: b.password as string };
}

// One answer for a wrong password, an unknown email and an inactive account, so none can be told apart.
const invalidCredentials = () => problem(401, { code: 'auth.invalid-credentials', detail: 'The email or password is incorrect.' });

/** POST /api/auth/login: checks the rate limit, then the password; answers {token, user} and sets the session cookie. */
async function login(ctx: ServerContext, req: Request, res: Response): Promise<void> {
  const { email, password } = readCredentials(req.body);
  const key = { email: normalizeEmail(email), ip: req.ip ?? 'unknown' };
  const { knex } = ctx.db;
  const wait = await loginRetryAfter(knex, key, ctx.options.loginLimits);
  if (wait > 0) {
    throw problem(429, { code: 'auth.rate-limited', detail: 'Too many failed logins. Try again later.', headers: { 'Retry-After': String(wait) } });
  }
  const candidate = await findLoginCandidate(knex, email);
  const verified = await verifyPassword(candidate?.passwordHash, password);
  if (!candidate || !verified || !candidate.active) {
    await recordLoginFailure(knex, key, ctx.options.loginLimits);
    throw invalidCredentials();
  }
  const issued = await knex.transaction(async (trx) => {
    await clearLoginFailures(trx, key.email);
    return issueToken(trx, candidate.user.id, 'session', ctx.options.sessionTtlMs);
  });
  setSessionCookies(req, res, issued.token, issued.expiresAt);
  res.set('Cache-Control', 'no-store').json({ token: issued.token, user: publicUser(candidate.user) });
}

/** Login (public), logout and the current user, under /api/auth. */
export const authRoutes: RouteModule = {
  path: '/auth',
  publicRoutes: (ctx) => Router().post('/login', (req, res) => login(ctx, req, res)),
  routes: (ctx) => Router()
    .post('/logout', async (req, res) => {
      await revokeToken(ctx.db.knex, res.locals.auth.token);
      ctx.tokens.forget(tokenHash(res.locals.auth.token).toString('hex'));
      clearSessionCookies(req, res);
      res.status(204).end();
    })
    .get('/me', (_req, res) => {
      res.set('Cache-Control', 'no-store').json({ user: publicUser(res.locals.user) });
    }),
};
