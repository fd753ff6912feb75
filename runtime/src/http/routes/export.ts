import { Router } from 'express';
import { prepareExport } from '../../data/export/export-records';
import { parseExportRequest } from '../../data/export/export-request';
import type { RouteModule } from '../context';
import { RecordError } from '../../records/record-error';
import { issuesProblem, recordProblem } from '../record-problems';
import { entityOf, recordContext } from '../record-request';
import { readScopeOf } from '../../records/scope';
import { requestLocale } from '../request-locale';

/** GET /api/records/:entity/export?format=csv|xlsx: the records and fields the caller may read, as a file, streamed. */
export const exportRoutes: RouteModule = {
  path: '/records',
  routes: (ctx) => Router()
    .get('/:entity/export', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const rc = recordContext(ctx, req, res);
      // Taking every record out at once is its own action: a role may read records one page at a time without it.
      if (!rc.permissions.can('export', entity.name)) throw recordProblem(new RecordError('forbidden'));
      // Parsed against the model the caller may read: a hidden field cannot be filtered, sorted or exported.
      const seen = rc.permissions.model;
      const parsed = parseExportRequest(seen, entity.name, new URL(req.originalUrl, 'http://localhost').searchParams, requestLocale(req));
      if (!parsed.ok) throw issuesProblem(parsed.issues, parsed.locale);
      const exported = await prepareExport({ db: ctx.db.knex, app: seen, request: parsed.request, options: { values: rc.values, scopeOf: readScopeOf(rc) } });
      res.status(200).set({ 'Content-Type': exported.contentType, 'Content-Disposition': `attachment; filename="${exported.fileName}"` });
      await exported.writeTo(res).catch((error: unknown) => {
        // A client that goes away mid-file is no server error; anything else is, and the response is cut off already.
        if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
      });
    }),
};
