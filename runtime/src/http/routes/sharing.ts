import { isUuid } from '@tessera/core';
import { Router } from 'express';
import { transferOwner } from '../../records/operations';
import { grantShare, listShares, revokeShare, type ShareGrant } from '../../sharing/shares';
import type { RouteModule } from '../context';
import { expectedVersion } from '../etag';
import { problem } from '../problem';
import { attempt, entityOf, recordContext, sendRecord } from '../record-request';

const badBody = (detail: string, path: string) =>
  problem(400, { code: 'record.invalid', detail, errors: [{ path, code: 'type', message: detail }] });

/** A share body: {"user": id} or {"team": id}, and "access": "read" or "edit"; nothing else. */
function shareGrant(body: unknown): ShareGrant {
  const b = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const extra = Object.keys(b).find((k) => !['user', 'team', 'access'].includes(k));
  if (extra !== undefined) throw badBody(`unknown property "${extra}"`, `/${extra}`);
  if (b.access !== 'read' && b.access !== 'edit') throw badBody('access must be "read" or "edit"', '/access');
  if ((b.user === undefined) === (b.team === undefined)) throw badBody('give exactly one of user and team', '');
  const key = b.user === undefined ? 'team' : 'user';
  if (typeof b[key] !== 'string' || !isUuid(b[key])) throw badBody(`${key} must be a user or department id (a UUID)`, `/${key}`);
  return key === 'user' ? { user: b.user as string, access: b.access } : { team: b.team as string, access: b.access };
}

/** Record sharing (GET/POST/DELETE /api/records/:entity/:id/shares) and owner transfer (POST /api/records/:entity/:id/owner). */
export const sharingRoutes: RouteModule = {
  path: '/records',
  routes: (ctx) => Router()
    .get('/:entity/:id/shares', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      res.json({ data: await attempt(() => listShares(recordContext(ctx, req, res), entity, req.params.id)) });
    })
    .post('/:entity/:id/shares', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const grant = shareGrant(req.body);
      res.status(201).json(await attempt(() => grantShare(recordContext(ctx, req, res), entity, req.params.id, grant)));
    })
    .delete('/:entity/:id/shares/:shareId', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      if (!isUuid(req.params.shareId)) throw problem(404, { code: 'record.not-found', detail: 'No such share.' });
      await attempt(() => revokeShare(recordContext(ctx, req, res), entity, req.params.id, req.params.shareId));
      res.status(204).end();
    })
    .post('/:entity/:id/owner', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      if (entity.ownership !== 'user') throw problem(400, { code: 'record.no-owner', detail: 'Records of this entity have no owner.' });
      const body = req.body as { ownerId?: unknown } | undefined;
      const keys = body && typeof body === 'object' ? Object.keys(body) : [];
      if (keys.length !== 1 || typeof body?.ownerId !== 'string' || !isUuid(body.ownerId)) throw badBody('the body must be {"ownerId": "<user id>"}', '/ownerId');
      const version = expectedVersion(req.get('If-Match'), req.params.id);
      sendRecord(res, await attempt(() => transferOwner(recordContext(ctx, req, res), entity, req.params.id, body.ownerId as string, version)));
    }),
};
