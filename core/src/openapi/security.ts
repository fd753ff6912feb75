import type { SecurityRequirements, SecurityScheme } from './types';

// The runtime's names (runtime/src/http/session-cookies.ts); core cannot import the runtime.
const SESSION_COOKIE = 'tessera_session';
const CSRF_HEADER = 'X-CSRF-Token';

/** The security schemes: a bearer token, the session cookie, and the CSRF header that goes with the cookie. */
export const securitySchemes = (): Record<string, SecurityScheme> => ({
  bearerAuth: { type: 'http', scheme: 'bearer', description: 'The token POST /api/auth/login answers, as Authorization: Bearer <token>.' },
  cookieAuth: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The httpOnly session cookie login sets.' },
  csrfToken: {
    type: 'apiKey', in: 'header', name: CSRF_HEADER,
    description: 'With the session cookie, unsafe requests (POST, PATCH, DELETE) carry the tessera_csrf cookie\'s value here.',
  },
});

/** Who may call a safe (read-only) operation: a bearer token or the session cookie. */
export const READ_SECURITY: SecurityRequirements = [{ bearerAuth: [] }, { cookieAuth: [] }];

/** Who may call an unsafe operation: a bearer token, or the session cookie together with the CSRF header. */
export const WRITE_SECURITY: SecurityRequirements = [{ bearerAuth: [] }, { cookieAuth: [], csrfToken: [] }];

/** No authentication (login, health). */
export const PUBLIC: SecurityRequirements = [];
