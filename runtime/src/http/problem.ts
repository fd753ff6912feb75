import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { pgErrorMapping, type Mapping } from './pg-errors';

/** One field-level error inside a problem (DESIGN.md §4): a JSON pointer into the body or query, a code and a message. */
export interface ProblemFieldError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** What a problem+json body may carry besides status and title. */
export interface ProblemInit {
  /** A stable machine-readable code ("auth.invalid-credentials"), an extension member. */
  readonly code?: string;
  readonly detail?: string;
  readonly errors?: readonly ProblemFieldError[];
  /** Response headers to send with the problem (Retry-After, WWW-Authenticate). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An error a handler throws to answer an RFC 9457 problem; everything in it is safe to show the client. */
export class HttpProblem extends Error {
  constructor(readonly status: number, readonly init: ProblemInit = {}) {
    super(init.detail ?? STATUS_CODES[status] ?? 'Error');
    this.name = 'HttpProblem';
  }
}

/** Creates an HttpProblem: `throw problem(404, { detail: 'No such record.' })`. */
export const problem = (status: number, init: ProblemInit = {}): HttpProblem => new HttpProblem(status, init);

/** The application/problem+json body of a problem (RFC 9457). */
export function problemBody(p: HttpProblem): string {
  const { code, detail, errors } = p.init;
  return JSON.stringify({
    type: 'about:blank',
    title: STATUS_CODES[p.status] ?? 'Error',
    status: p.status,
    ...(code ? { code } : {}),
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  });
}

/** Writes a problem as application/problem+json. */
export function sendProblem(res: Response, p: HttpProblem): void {
  for (const [name, value] of Object.entries(p.init.headers ?? {})) res.setHeader(name, value);
  res.status(p.status).type('application/problem+json').send(problemBody(p));
}

// body-parser's error types; their messages quote the input, so only these fixed details reach the client.
const BODY_ERRORS: Readonly<Record<string, Mapping>> = {
  'entity.too.large': [413, 'body.too-large', 'The request body is too large.'],
  'entity.parse.failed': [400, 'body.malformed', 'The request body is not valid JSON.'],
  'entity.verify.failed': [400, 'body.malformed', 'The request body could not be read.'],
  'request.aborted': [400, 'body.aborted', 'The request was aborted.'],
  'request.size.invalid': [400, 'body.malformed', 'The request body size does not match its Content-Length.'],
  'encoding.unsupported': [415, 'body.encoding', 'The request body encoding is not supported.'],
  'charset.unsupported': [415, 'body.charset', 'The request body charset is not supported.'],
  'parameters.too.many': [413, 'body.too-large', 'The request has too many parameters.'],
};

// Duck-typed, not instanceof: the router's URIError may come from another realm (jest's vm).
const isUriError = (error: unknown): boolean => (error as { name?: unknown } | null)?.name === 'URIError';

/** Maps any thrown value to a problem that is safe to send, or undefined when it is unknown (a 500). */
export function toProblem(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  const e = error as { type?: unknown; status?: unknown; expose?: unknown } | null;
  if (e && typeof e.type === 'string' && BODY_ERRORS[e.type]) {
    const [status, code, detail] = BODY_ERRORS[e.type]!;
    return problem(status, { code, detail });
  }
  const fromDb = pgErrorMapping(error);
  if (fromDb) return problem(fromDb[0], { code: fromDb[1], detail: fromDb[2] });
  // http-errors raised by express itself (a malformed URI is a 400 with expose: true): keep the status, not the message.
  // The router's own decoding error (a path parameter like %C0%AF or %FF) is a URIError with status 400 and no expose.
  if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500 && (e.expose === true || isUriError(error))) return problem(e.status);
  return undefined;
}

/** The final error middleware: known errors become their problem; anything else is a generic 500, detailed only in the log. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req: Request, res: Response, _next) => {
  const known = toProblem(error);
  if (known && known.status < 500) {
    sendProblem(res, known);
    return;
  }
  req.log.error({ err: error }, 'request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendProblem(res, known ?? problem(500, { code: 'internal', detail: 'An unexpected error occurred. It has been logged.' }));
};

/** Answers 404 for any route nothing else handled. */
export const notFound: RequestHandler = (_req, res) => sendProblem(res, problem(404, { code: 'route.not-found', detail: 'No such endpoint.' }));
