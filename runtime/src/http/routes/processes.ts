import { MAX_COMMENT } from '@tessera/core';
import { Router, type Response } from 'express';
import { getRecord } from '../../records/operations';
import { ProcessError } from '../../process/process-error';
import { instanceCounts, instancesOn } from '../../process/queries';
import { recallRecord, startManual, submitRecord } from '../../process/submit';
import type { RouteModule, ServerContext } from '../context';
import { problem } from '../problem';
import { attempt, entityOf, recordContext } from '../record-request';

/** The process engine, or "no process applies" on a server that runs none. */
function engineOf(ctx: ServerContext) {
  if (!ctx.processes) throw new ProcessError('none', 'No approval process runs on this server.');
  return ctx.processes;
}

/** The optional {"comment": "..."} of a submit: no body, an empty object, or an object with a comment and nothing else. */
function submitComment(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'object' || Array.isArray(body)) throw new ProcessError('invalid', 'the body must be {"comment": "..."} or empty');
  const b = body as Record<string, unknown>;
  const extra = Object.keys(b).find((k) => k !== 'comment');
  if (extra !== undefined) throw new ProcessError('invalid', `unknown property "${extra}"`, `/${extra}`);
  if (b.comment === undefined) return undefined;
  if (typeof b.comment !== 'string' || b.comment.length > MAX_COMMENT) throw new ProcessError('invalid', `comment must be text of at most ${MAX_COMMENT} characters`, '/comment');
  return b.comment;
}

/** Answers the state of a record's instance after a change: 201 for a start, 200 otherwise. */
async function sendInstance(ctx: ServerContext, res: Response, entity: string, recordId: string, instanceId: string, status: number) {
  const instances = await instancesOn(ctx.db.knex, ctx.app, entity, recordId);
  res.status(status).json(instances.find((i) => i.id === instanceId));
}

/** Submit, recall, manual start and instance state of a record: /api/records/:entity/:id/... */
export const recordProcessRoutes: RouteModule = {
  path: '/records',
  routes: (ctx) => Router()
    .post('/:entity/:id/submit', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const rc = recordContext(ctx, req, res);
      const id = await attempt(() => submitRecord(engineOf(ctx).engine, { ...rc, userId: res.locals.user.id }, entity, req.params.id, submitComment(req.body)));
      await sendInstance(ctx, res, entity.name, req.params.id, id, 201);
    })
    .post('/:entity/:id/recall', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      await attempt(() => getRecord(recordContext(ctx, req, res), entity, req.params.id));
      const id = await attempt(() => recallRecord(engineOf(ctx).engine, ctx.db.knex, res.locals.user.id, entity, req.params.id));
      await sendInstance(ctx, res, entity.name, req.params.id, id, 200);
    })
    .post('/:entity/:id/processes/:process', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const rc = recordContext(ctx, req, res);
      const id = await attempt(() => startManual(engineOf(ctx).engine, { ...rc, userId: res.locals.user.id }, entity, req.params.id, req.params.process));
      await sendInstance(ctx, res, entity.name, req.params.id, id, 201);
    })
    .get('/:entity/:id/processes', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      await attempt(() => getRecord(recordContext(ctx, req, res), entity, req.params.id));
      res.json({ data: await instancesOn(ctx.db.knex, ctx.app, entity.name, req.params.id) });
    }),
};

/** The processes of entities the caller may read (/api/processes), and instance counts per node for admins. */
export const processRoutes: RouteModule = {
  path: '/processes',
  routes: (ctx) => Router()
    .get('/', (_req, res) => {
      const readable = res.locals.permissions.model.entities;
      const data = Object.values(ctx.app.processes).filter((p) => Object.hasOwn(readable, p.entity)).map((p) => ({
        name: p.name, label: p.label ?? null, description: p.description ?? null, entity: p.entity, trigger: p.trigger,
        version: ctx.processes?.engine.current.get(p.name) ?? null, lockRecord: p.lockRecord ?? false, allowRecall: p.allowRecall ?? true,
      }));
      res.json({ data });
    })
    .get('/:name/instances', async (req, res) => {
      if (!res.locals.permissions.admin) throw problem(403, { code: 'process.forbidden', detail: 'Only administrators see instance counts.' });
      const name = String(req.params.name);
      if (!Object.hasOwn(ctx.app.processes, name)) throw problem(404, { code: 'process.not-found', detail: 'No such process.' });
      res.json(await instanceCounts(ctx.db.knex, name));
    }),
};

