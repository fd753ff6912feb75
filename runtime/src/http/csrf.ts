import type { RequestHandler } from 'express';
import { problem } from './problem';
import { csrfMatches } from './session-cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses cookie-authenticated unsafe requests whose X-CSRF-Token header does not match the session (403). Bearer
 * requests are exempt: a browser never attaches an Authorization header on its own. Runs after authenticate.
 */
export const csrfProtection: RequestHandler = (req, res, next) => {
  const { auth } = res.locals;
  if (auth.via === 'cookie' && !SAFE_METHODS.has(req.method) && !csrfMatches(req, auth.token)) {
    throw problem(403, { code: 'auth.csrf', detail: 'The X-CSRF-Token header is missing or does not match the session.' });
  }
  next();
};
