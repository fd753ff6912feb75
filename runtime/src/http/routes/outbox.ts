import { ADMIN_ROLE } from '@tessera/core';
import { Router, type Response } from 'express';
import { isOutboxId, listOutbox, OUTBOX_STATUSES, retryDead } from '../../notifications/outbox-admin';
import { parsePageQuery } from '../../notifications/page-query';
import { wakeDispatchers } from '../../notifications/wake';
import type { RouteModule } from '../context';
import { problem } from '../problem';

/** The outbox is the admins' alone: e-mails carry what users were told, webhooks where the data goes. */
function requireAdmin(res: Response): void {
  if (!res.locals.user.roles.includes(ADMIN_ROLE)) throw problem(403, { code: 'outbox.forbidden', detail: 'Only admins may read or retry the outbox.' });
}

const notFound = () => problem(404, { code: 'outbox.not-found', detail: 'No such delivery.' });

/** /api/outbox: queued, sent and dead deliveries (e-mail, webhooks) for admins, and sending a dead one again. */
export const outboxRoutes: RouteModule = {
  path: '/outbox',
  routes: (ctx) => Router()
    .get('/', async (req, res) => {
      requireAdmin(res);
      const q = parsePageQuery(req.query, { params: { status: OUTBOX_STATUSES }, cursor: { length: 1, valid: (v) => isOutboxId(v[0]) } });
      const page = await listOutbox(ctx.db.knex, { ...q, ...(q.params.status ? { status: q.params.status } : {}) });
      res.json({ data: page.data, page: { next: page.next } });
    })
    .post('/:id/retry', async (req, res) => {
      requireAdmin(res);
      if (!isOutboxId(req.params.id)) throw notFound();
      const retried = await retryDead(ctx.db.knex, req.params.id);
      if (retried === 'not-found') throw notFound();
      if (retried === 'not-dead') throw problem(409, { code: 'outbox.not-dead', detail: 'Only a dead delivery can be retried.' });
      wakeDispatchers();
      res.json(retried);
    }),
};
