import { parseSearchRequest } from '@tessera/core';
import { Router } from 'express';
import { search } from '../../search/search';
import type { RouteModule } from '../context';
import { issuesProblem } from '../record-problems';
import { recordContext } from '../record-request';
import { readScopeOf } from '../../records/scope';
import { requestLocale } from '../request-locale';

/**
 * GET /api/search?q=...&entities=...&limit=...: ranked hits across entities, over the rows and searchable fields the
 * caller may read. Without `entities`, the entities they may not read are left out quietly; named, such an entity is
 * unknown (400), as it would be if it did not exist.
 */
export const searchRoutes: RouteModule = {
  path: '/search',
  routes: (ctx) => Router()
    .get('/', async (req, res) => {
      const rc = recordContext(ctx, req, res);
      // Parsed against the model the caller may read: a hidden field is neither matched nor highlighted.
      const seen = rc.permissions.model;
      const parsed = parseSearchRequest(seen, new URL(req.originalUrl, 'http://localhost').searchParams);
      if (!parsed.ok) throw issuesProblem(parsed.issues, requestLocale(req));
      const hits = await search(ctx.db.knex, seen, parsed.request, { values: rc.values, scopeOf: readScopeOf(rc) });
      res.json({ data: hits });
    }),
};
