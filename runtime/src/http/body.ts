import express, { type Request, type RequestHandler } from 'express';
import { problem } from './problem';

const JSON_TYPES = ['application/json', 'application/*+json'];

/** Whether a request carries a body: any Transfer-Encoding, or a Content-Length above zero. */
const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * Only JSON bodies are accepted (415 otherwise): form posts and text/plain are what a cross-site page can send
 * without a preflight, so refusing them is also part of the CSRF defence.
 */
const requireJson: RequestHandler = (req, _res, next) => {
  if (hasBody(req) && !req.is(JSON_TYPES)) {
    throw problem(415, { code: 'body.content-type', detail: 'Send the body as application/json.' });
  }
  next();
};

/** How deep a JSON body may nest (a bulk body's JSON field value sits at level 3). */
const MAX_BODY_DEPTH = 64;

// PostgreSQL rejects NUL in text and cannot store unpaired surrogates (node-postgres would send U+FFFD instead).
const BAD_TEXT = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a parsed body, if anything: walked without recursion, so no depth can overflow the stack. */
function bodyIssue(body: unknown): { code: string; detail: string } | undefined {
  const stack: Array<[unknown, number]> = [[body, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) return { code: 'body.number', detail: 'A number in the body is too large to represent.' };
    if (typeof value === 'string' && BAD_TEXT.test(value)) return { code: 'body.text', detail: 'Text in the body holds a NUL character or an unpaired surrogate.' };
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return { code: 'body.too-deep', detail: `The body is nested more than ${MAX_BODY_DEPTH} levels deep.` };
    for (const [key, item] of Object.entries(value)) {
      if (BAD_TEXT.test(key)) return { code: 'body.text', detail: 'Text in the body holds a NUL character or an unpaired surrogate.' };
      stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/**
 * Refuses parsed bodies no handler can process safely: nested deeper than MAX_BODY_DEPTH (JSON.stringify and the
 * database recurse), numbers beyond a double (1e400 parses to Infinity, which JSON writes as null), and text the
 * database cannot hold as sent.
 */
const checkBody: RequestHandler = (req, _res, next) => {
  const issue = bodyIssue(req.body);
  if (issue) throw problem(400, issue);
  next();
};

/** Parses JSON bodies up to a size limit; body errors reach the error middleware, which answers 400, 413 or 415. */
export function jsonBody(limit: number | string): RequestHandler[] {
  return [requireJson, express.json({ limit, type: JSON_TYPES, strict: true }), checkBody];
}
