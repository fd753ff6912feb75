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

/** Parses JSON bodies up to a size limit; body errors reach the error middleware, which answers 400, 413 or 415. */
export function jsonBody(limit: number | string): RequestHandler[] {
  return [requireJson, express.json({ limit, type: JSON_TYPES, strict: true })];
}
