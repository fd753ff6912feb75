import { Router } from 'express';
import type { RouteModule, ServerContext } from '../context';
import { problem } from '../problem';

const DB_TIMEOUT_MS = 2000;

/** Answers whether the process is up and the database answers, within two seconds. */
async function databaseReachable(ctx: ServerContext): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), DB_TIMEOUT_MS); });
  const query = ctx.db.knex.raw('select 1').then(() => true, () => false);
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** GET /api/health: liveness and database reachability, with no authentication (200, or 503 as problem+json). */
export const healthRoutes: RouteModule = {
  path: '/health',
  publicRoutes: (ctx) => Router().get('/', async (_req, res) => {
    if (!(await databaseReachable(ctx))) throw problem(503, { code: 'health.database', detail: 'The database is not reachable.' });
    res.set('Cache-Control', 'no-store').json({ status: 'ok', database: 'ok' });
  }),
};
