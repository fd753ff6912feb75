import type { EntityModel } from '@tessera/core';
import { parseListQuery } from '@tessera/core';
import { Router, type Request, type Response } from 'express';
import { bulkCreate, MAX_BULK_ITEMS } from '../../records/bulk-create';
import { listPage } from '../../records/list-page';
import { readRecordHistory } from '../../records/history';
import { createRecord, deleteRecord, getRecord, updateRecord, type RecordContext } from '../../records/operations';
import type { RouteModule, ServerContext } from '../context';
import { etagOf, expectedVersion } from '../etag';
import { problem } from '../problem';
import { issuesProblem, recordProblem } from '../record-problems';
import { requestLocale } from '../request-locale';

/** The entity a path names; system entities (users, departments) are for admins only. */
function entityOf(ctx: ServerContext, req: Request, res: Response): EntityModel {
  const entity = Object.hasOwn(ctx.app.entities, String(req.params.entity)) ? ctx.app.entities[String(req.params.entity)]! : undefined;
  if (!entity || (entity.system && !res.locals.user.roles.includes('admin'))) throw problem(404, { code: 'entity.not-found', detail: 'No such entity.' });
  return entity;
}

function recordContext(ctx: ServerContext, req: Request, res: Response): RecordContext {
  const now = new Date();
  return { db: ctx.db.knex, app: ctx.app, userId: res.locals.user.id, locale: requestLocale(req), values: { now, today: now.toISOString().slice(0, 10), user: { id: res.locals.user.id, teamIds: [], subordinateIds: [] } } };
}

/** Runs a record operation, turning its RecordError into the problem to answer. */
const attempt = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw recordProblem(error);
  }
};

const sendRecord = (res: Response, record: Record<string, unknown>, status = 200) =>
  res.status(status).set('ETag', etagOf(record.id as string, record.version as number)).json(record);

/** /api/records/:entity: list and create; /api/records/:entity/:id: read, update, delete; and its history. */
export const recordRoutes: RouteModule = {
  path: '/records',
  routes: (ctx) => Router()
    .get('/:entity', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const rc = recordContext(ctx, req, res);
      const parsed = parseListQuery(ctx.app, entity.name, new URL(req.originalUrl, 'http://localhost').searchParams);
      if (!parsed.ok) throw issuesProblem(parsed.issues, requestLocale(req));
      res.json(await listPage(ctx.db.knex, ctx.app, parsed.query, { values: rc.values }));
    })
    .post('/:entity', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const record = await attempt(() => createRecord(recordContext(ctx, req, res), entity, req.body));
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
      const results = await attempt(() => bulkCreate(recordContext(ctx, req, res), entity, records, body?.allOrNothing !== false));
      res.json({ results });
    })
    .get('/:entity/:id', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      sendRecord(res, await attempt(() => getRecord(recordContext(ctx, req, res), entity, req.params.id)));
    })
    .patch('/:entity/:id', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const version = expectedVersion(req.get('If-Match'), req.params.id);
      sendRecord(res, await attempt(() => updateRecord(recordContext(ctx, req, res), entity, req.params.id, req.body, version)));
    })
    .delete('/:entity/:id', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const version = expectedVersion(req.get('If-Match'), req.params.id);
      await attempt(() => deleteRecord(recordContext(ctx, req, res), entity, req.params.id, version));
      res.status(204).end();
    })
    .get('/:entity/:id/history', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      await attempt(() => getRecord(recordContext(ctx, req, res), entity, req.params.id));
      res.json({ data: await readRecordHistory(ctx.db.knex, entity, req.params.id) });
    }),
};
