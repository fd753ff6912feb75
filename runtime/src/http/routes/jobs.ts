import { isUuid } from '@tessera/core';
import { Router } from 'express';
import { liveJob } from '../../data/import/import-job';
import { readJobRun } from '../../jobs/job-runs';
import type { RouteModule } from '../context';
import { problem } from '../problem';

/** GET /api/jobs/:id: a job's status, progress and result, for the user who started it and for admins. */
export const jobRoutes: RouteModule = {
  path: '/jobs',
  routes: (ctx) => Router()
    .get('/:id', async (req, res) => {
      const id = String(req.params.id).toLowerCase();
      const job = isUuid(id) ? liveJob(id) ?? (await readJobRun(ctx.db.knex, id)) : undefined;
      // Someone else's job does not exist for the caller.
      if (!job || (job.userId !== res.locals.user.id && !res.locals.permissions.admin)) throw problem(404, { code: 'job.not-found', detail: 'No such job.' });
      const { userId: _user, progress, ...rest } = job;
      const total = Number(progress.totalBytes ?? 0);
      const percent = job.status === 'running' ? (total ? Math.min(99, Math.floor((Number(progress.bytes ?? 0) / total) * 100)) : 0) : 100;
      res.json({ ...rest, progress: { ...progress, percent } });
    }),
};
