import { isUuid } from '@tessera/core';
import { Router } from 'express';
import { isNotificationPosition, listNotifications, markAllRead, markRead, unreadCount } from '../../notifications/notification-store';
import { parsePageQuery } from '../../notifications/page-query';
import type { RouteModule } from '../context';
import { problem } from '../problem';

const notFound = () => problem(404, { code: 'notification.not-found', detail: 'No such notification.' });

/**
 * /api/notifications: the signed-in user's own in-app notifications (newest first, with the unread count a badge
 * shows) and marking them read. Nobody sees or marks another user's; those answer 404, as ids that do not exist do.
 */
export const notificationRoutes: RouteModule = {
  path: '/notifications',
  routes: (ctx) => Router()
    .get('/', async (req, res) => {
      const q = parsePageQuery(req.query, { params: { unread: ['true', 'false'] }, cursor: { length: 2, valid: isNotificationPosition } });
      const userId = res.locals.user.id;
      const page = await listNotifications(ctx.db.knex, userId, { ...q, unread: q.params.unread === 'true' });
      res.json({ data: page.data, page: { next: page.next }, unread: await unreadCount(ctx.db.knex, userId) });
    })
    .post('/read', async (_req, res) => {
      res.json({ updated: await markAllRead(ctx.db.knex, res.locals.user.id) });
    })
    .post('/:id/read', async (req, res) => {
      if (!isUuid(req.params.id)) throw notFound();
      const notification = await markRead(ctx.db.knex, res.locals.user.id, req.params.id);
      if (!notification) throw notFound();
      res.json(notification);
    }),
};
