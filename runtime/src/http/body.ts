import { IMPORT_MEDIA_TYPES } from '@tessera/core';
import express, { type Request, type RequestHandler } from 'express';
import { problem } from './problem';

const JSON_TYPES = ['application/json', 'application/*+json'];

// Only an import takes an upload (IMPORT_MEDIA_TYPES), left unread for the route that streams it; a cross-site form
// cannot send these types.
const UPLOAD_PATH = /^\/records\/[^/]+\/import$/;

/** Whether a request carries a body: any Transfer-Encoding, or a Content-Length above zero. */
const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

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
 * Parses JSON bodies up to a size limit, as one middleware that a request without a body (every GET) passes at once.
 * Only JSON is accepted (415 otherwise): form posts and text/plain are what a cross-site page can send without a
 * preflight, so refusing them is also part of the CSRF defence. A parsed body no handler could process safely is
 * refused: nested deeper than MAX_BODY_DEPTH (JSON.stringify and the database recurse), numbers beyond a double (1e400
 * parses to Infinity, which JSON writes as null), and text the database cannot hold as sent. Errors reach the error
 * middleware, which answers 400, 413 or 415.
 */
export function jsonBody(limit: number | string): RequestHandler {
  const parse = express.json({ limit, type: JSON_TYPES, strict: true });
  return (req, res, next) => {
    if (!hasBody(req)) {
      next();
      return;
    }
    if (UPLOAD_PATH.test(req.path) && req.is(Object.keys(IMPORT_MEDIA_TYPES))) {
      next();
      return;
    }
    if (!req.is(JSON_TYPES)) throw problem(415, { code: 'body.content-type', detail: 'Send the body as application/json.' });
    parse(req, res, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      const issue = bodyIssue(req.body);
      next(issue ? problem(400, issue) : undefined);
    });
  };
}
