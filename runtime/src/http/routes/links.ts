import { localize } from '@tessera/core';
import type { I18N } from '@tessera/metadata';
import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { isPluginError } from '../../plugins/plugin-api';
import { linkSecret, readLinkToken } from '../../plugins/plugin-links';
import { pluginNotify } from '../../plugins/plugin-notify';
import { pluginRecords, systemContext } from '../../plugins/plugin-records';
import type { RouteModule, ServerContext } from '../context';
import { problem } from '../problem';
import { requestLocale } from '../request-locale';

// Per client address and minute: any 120 calls, and 12 refused ones (a bad token, a handler's refusal), so a mail
// provider posting many one-click unsubscribes from one address gets through while a guesser is stopped after a dozen
// tries. Kept in memory: a count lost on restart only gives a guesser, who cannot forge an HMAC anyway, one more minute.
const WINDOW_MS = 60_000;

/** A limiter answering 429 as problem+json, with Retry-After. */
const limiter = (limit: number, refusedOnly: boolean) => rateLimit({
  windowMs: WINDOW_MS, limit, skipSuccessfulRequests: refusedOnly, standardHeaders: false, legacyHeaders: false,
  handler: (req, _res, next) => {
    const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime?.getTime() ?? Date.now() + WINDOW_MS;
    next(problem(429, { code: 'link.rate-limited', detail: 'Too many requests. Try again later.', headers: { 'Retry-After': String(Math.max(1, Math.ceil((reset - Date.now()) / 1000))) } }));
  },
});

// PostgreSQL undid the run for a concurrent change ("could not serialize", a deadlock): nothing of it stayed.
const CONFLICTS = new Set(['40001', '40P01']);
// Clicks arriving together on one counter take turns: each try lets one more through, so allow a burst of them.
const ATTEMPTS = 8;

/** Runs a link's transaction again after a conflict, following a short random wait so the next tries spread out. */
async function retryConflicts<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ATTEMPTS || !CONFLICTS.has((error as { code?: string }).code ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The small page a link answers with: its label as the title, the message below it. */
function sendPage(res: Response, status: number, locale: string, title: I18N, message: I18N): void {
  const [t, m] = [escapeHtml(localize(title, locale)), escapeHtml(localize(message, locale))];
  res.status(status).set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' })
    .send(`<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
      + `<title>${t}</title></head><body><main><h1>${t}</h1><p>${m}</p></main></body></html>\n`);
}

/** Answers one call of a link: checked, then (unless `run` is off, for HEAD) run in one transaction. */
function handler(ctx: ServerContext, run: boolean) {
  return async (req: Request, res: Response) => {
    const [plugin, name, token] = [String(req.params.plugin), String(req.params.name), String(req.params.token)];
    const link = ctx.plugins.links.get(`${plugin}/${name}`);
    const payload = link && readLinkToken(await linkSecret(ctx.db.knex), plugin, name, token);
    if (!link || !payload) throw problem(404, { code: 'link.not-found', detail: 'No such link.' });
    const locale = requestLocale(req);
    if (!run) {
      sendPage(res, 200, locale, link.label, link.label);
      return;
    }
    try {
      // One snapshot per run: a concurrent change to what it updates (two clicks counted) undoes it and runs it again.
      const message = await retryConflicts(() => ctx.db.knex.transaction(async (trx) => {
        const records = pluginRecords(systemContext(ctx.app, trx, null, ctx.hooks));
        return link.run({ payload, records, notify: pluginNotify(ctx.app, trx, records, plugin), locale });
      }, { isolationLevel: 'repeatable read' }));
      sendPage(res, 200, locale, link.label, message);
    } catch (error) {
      if (!isPluginError(error)) throw error;
      sendPage(res, 422, locale, link.label, error.messages);
    }
  };
}

/**
 * GET and POST /api/links/<plugin>/<name>/<token>: a plugin's signed link (api.link), reachable without a login: an
 * unsubscribe link in an e-mail, and the one-click POST of RFC 8058 that mail clients send (a form body, left unread).
 * A token not signed for that plugin, link and payload answers 404 as problem+json; the page is HTML in the reader's
 * language. HEAD checks the token and runs nothing: link scanners probe with it.
 */
export const linkRoutes: RouteModule = {
  path: '/links',
  publicRoutes: (ctx) => Router()
    .use(limiter(120, false), limiter(12, true))
    .head('/:plugin/:name/:token', handler(ctx, false))
    .get('/:plugin/:name/:token', handler(ctx, true))
    .post('/:plugin/:name/:token', handler(ctx, true))
    .use(() => {
      throw problem(404, { code: 'link.not-found', detail: 'No such link.' });
    }),
};
