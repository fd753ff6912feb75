import { parseListQuery } from '@tessera/core';
import { Router } from 'express';
import { bulkCreate, MAX_BULK_ITEMS } from '../../records/bulk-create';
import { listPage } from '../../records/list-page';
import { readRecordHistory } from '../../records/history';
import { visibleHistory } from '../../records/access-checks';
import { createRecord, deleteRecord, getRecord, updateRecord } from '../../records/operations';
import type { RouteModule } from '../context';
import { withDuplicatePolicy } from '../duplicate-policy';
import { expectedVersion } from '../etag';
import { problem } from '../problem';
import { issuesProblem } from '../record-problems';
import { attempt, entityOf, recordContext, sendRecord } from '../record-request';
import { readScopeOf } from '../../records/scope';
import { requestLocale } from '../request-locale';

/** /api/records/:entity: list and create; /api/records/:entity/:id: read, update, delete; and its history. */
export const recordRoutes: RouteModule = {
  path: '/records',
  routes: (ctx) => Router()
    .get('/:entity', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const rc = recordContext(ctx, req, res);
      // Parsed against the model the caller may read: a hidden field cannot be filtered, sorted, selected or expanded.
      const seen = rc.permissions.model;
      const parsed = parseListQuery(seen, entity.name, new URL(req.originalUrl, 'http://localhost').searchParams);
      if (!parsed.ok) throw issuesProblem(parsed.issues, requestLocale(req));
      res.json(await listPage(ctx.db.knex, seen, parsed.query, { values: rc.values, scopeOf: readScopeOf(rc) }));
    })
    .post('/:entity', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const rc = withDuplicatePolicy(recordContext(ctx, req, res), req);
      const record = await attempt(() => createRecord(rc, entity, req.body));
      res.location(`${req.baseUrl}/${entity.name}/${record.id as string}`);
      sendRecord(res, record, 201);
    })
    .post('/:entity/bulk', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const body = req.body as { records?: unknown; allOrNothing?: unknown } | undefined;
      const records = body?.records;
      const keys = body && typeof body === 'object' ? Object.keys(body).filter((k) => k !== 'records' && k !== 'allOrNothing') : [];
      if (!Array.isArray(records) || records.length < 1 || records.length > MAX_BULK_ITEMS || keys.length || (body?.allOrNothing !== undefined && typeof body.allOrNothing !== 'boolean')) {
        throw problem(400, { code: 'bulk.invalid', detail: `The body must be {"records": [1 to ${MAX_BULK_ITEMS} records], "allOrNothing": true|false}.` });
      }
      const rc = withDuplicatePolicy(recordContext(ctx, req, res), req);
      const results = await attempt(() => bulkCreate(rc, entity, records, body?.allOrNothing !== false));
      res.json({ results });
    })
    .get('/:entity/:id', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      sendRecord(res, await attempt(() => getRecord(recordContext(ctx, req, res), entity, req.params.id)));
    })
    .patch('/:entity/:id', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const version = expectedVersion(req.get('If-Match'), req.params.id);
      const rc = withDuplicatePolicy(recordContext(ctx, req, res), req);
      sendRecord(res, await attempt(() => updateRecord(rc, entity, req.params.id, req.body, version)));
    })
    .delete('/:entity/:id', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const version = expectedVersion(req.get('If-Match'), req.params.id);
      await attempt(() => deleteRecord(recordContext(ctx, req, res), entity, req.params.id, version));
      res.status(204).end();
    })
    .get('/:entity/:id/history', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const rc = recordContext(ctx, req, res);
      await attempt(() => getRecord(rc, entity, req.params.id));
      res.json({ data: visibleHistory(rc.permissions, entity, await readRecordHistory(ctx.db.knex, entity, req.params.id)) });
    }),
};
