import { isUuid, TASK_STATUSES } from '@tessera/core';
import { Router } from 'express';
import { decide, decisionInput } from '../../process/decide';
import { ProcessError } from '../../process/process-error';
import { listTasks, taskFor } from '../../process/queries';
import type { RouteModule } from '../context';
import { problem } from '../problem';
import { attempt } from '../record-request';

const QUERY = ['assignee', 'status', 'limit', 'cursor'];

/** The approval inbox: GET /api/tasks, GET /api/tasks/:id and POST /api/tasks/:id/decision. */
export const taskRoutes: RouteModule = {
  path: '/tasks',
  routes: (ctx) => Router()
    .get('/', async (req, res) => {
      const q = req.query as Record<string, unknown>;
      const bad = (path: string, detail: string) => problem(400, { code: 'query.invalid', detail, errors: [{ path, code: 'query.invalid', message: detail }] });
      const unknown = Object.keys(q).find((k) => !QUERY.includes(k));
      if (unknown !== undefined) throw bad(`/${unknown}`, `unknown parameter "${unknown}"; known: ${QUERY.join(', ')}`);
      for (const k of QUERY) if (q[k] !== undefined && typeof q[k] !== 'string') throw bad(`/${k}`, `${k} must be given once`);
      const assignee = (q.assignee as string | undefined) ?? 'me';
      if (assignee !== 'me' && !(isUuid(assignee) && res.locals.permissions.admin)) throw bad('/assignee', 'assignee must be "me" (administrators may name a user id)');
      const statuses = ((q.status as string | undefined) ?? 'open').split(',');
      if (statuses.some((s) => !(TASK_STATUSES as readonly string[]).includes(s))) throw bad('/status', `status must be one or more of ${TASK_STATUSES.join(', ')}`);
      const limit = q.limit === undefined ? 50 : Number(q.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw bad('/limit', 'limit must be an integer from 1 to 200');
      const page = await attempt(() => listTasks(ctx.db.knex, res.locals.permissions, {
        assignee: assignee === 'me' ? res.locals.user.id : assignee, statuses, limit, ...(q.cursor ? { cursor: q.cursor as string } : {}),
      }));
      res.json({ data: page.data, page: { next: page.next } });
    })
    .get('/:id', async (req, res) => {
      const task = isUuid(req.params.id) ? await taskFor(ctx.db.knex, res.locals.permissions, req.params.id, res.locals.user.id) : undefined;
      if (!task) throw problem(404, { code: 'task.not-found', detail: 'No such task.' });
      res.json(task);
    })
    .post('/:id/decision', async (req, res) => {
      if (!isUuid(req.params.id) || !ctx.processes) throw problem(404, { code: 'task.not-found', detail: 'No such task.' });
      const engine = ctx.processes.engine;
      const input = await attempt(async () => decisionInput(req.body));
      const { entity } = await attempt(() => decide(engine, ctx.db.knex, res.locals.user.id, req.params.id, input));
      const task = await taskFor(ctx.db.knex, res.locals.permissions, req.params.id, res.locals.user.id, entity);
      if (!task) throw new ProcessError('notFound', 'No such task.');
      res.json(task);
    }),
};
