import { isUuid, localize } from '@tessera/core';
import { Router } from 'express';
import { isPluginError } from '../../plugins/plugin-api';
import { pluginMessaging } from '../../plugins/plugin-messaging';
import { pluginRecords, systemContext } from '../../plugins/plugin-records';
import { getRecord, recordFor } from '../../records/operations';
import type { RouteModule } from '../context';
import { problem } from '../problem';
import { attempt, entityOf, recordContext } from '../record-request';

/**
 * POST /api/records/:entity/:id/actions/:name: a plugin's action on one record (a lead's conversion, a quote made an
 * order), in one transaction: the caller must be allowed what the action requires on the record, and everything the
 * action writes commits together or not at all.
 */
export const recordActionRoutes: RouteModule = {
  path: '/records',
  routes: (ctx) => Router()
    .post('/:entity/:id/actions/:name', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const action = ctx.plugins.actions.get(entity.name)?.get(String(req.params.name));
      if (!action) throw problem(404, { code: 'action.not-found', detail: 'No such action on this entity.' });
      const id = String(req.params.id);
      if (!isUuid(id)) throw problem(404, { code: 'record.not-found', detail: 'No such record.' });
      const rc = recordContext(ctx, req, res);
      try {
        const result = await attempt(() => ctx.db.knex.transaction(async (trx) => {
          const caller = { ...rc, db: trx };
          const record = action.requires === 'read' ? await getRecord(caller, entity, id) : await recordFor(caller, entity, id, 'update');
          const system = pluginRecords(systemContext(ctx.app, trx, rc.userId, ctx.hooks));
          return action.run({
            entity: entity.name, record, body: req.body ?? {}, userId: rc.userId, locale: rc.locale,
            records: pluginRecords(caller), system, ...pluginMessaging(ctx.app, trx, system, action.plugin, ctx.plugins.links),
          });
        }));
        res.json(result ?? {});
      } catch (error) {
        if (!isPluginError(error)) throw error;
        const message = localize(error.messages, rc.locale, error.message);
        throw problem(422, { code: 'action.refused', detail: message, errors: [{ path: error.path, code: 'action.refused', message }] });
      }
    }),
};
