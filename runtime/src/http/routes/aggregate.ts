import { parseAggregateQuery } from '@tessera/core';
import { Router } from 'express';
import { aggregate } from '../../records/aggregate-sql';
import type { RouteModule } from '../context';
import { issuesProblem } from '../record-problems';
import { entityOf, recordContext } from '../record-request';
import { readScopeOf } from '../../records/scope';
import { requestLocale } from '../request-locale';

/** GET /api/records/:entity/aggregate: groups and measures over the rows and fields the caller may read. */
export const aggregateRoutes: RouteModule = {
  path: '/records',
  routes: (ctx) => Router()
    .get('/:entity/aggregate', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const rc = recordContext(ctx, req, res);
      // Parsed against the model the caller may read: a hidden field cannot be grouped, measured or filtered.
      const seen = rc.permissions.model;
      const parsed = parseAggregateQuery(seen, entity.name, new URL(req.originalUrl, 'http://localhost').searchParams);
      if (!parsed.ok) throw issuesProblem(parsed.issues, requestLocale(req));
      const answer = await aggregate(ctx.db.knex, seen, parsed.query, { values: rc.values, scopeOf: readScopeOf(rc) });
      res.json({ data: answer.data, ...(answer.truncated ? { truncated: true } : {}) });
    }),
};
