import { isUuid } from '@tessera/core';
import { Router } from 'express';
import { mergeRecords } from '../../duplicates/merge-records';
import { recordDuplicates } from '../../duplicates/record-duplicates';
import type { RouteModule } from '../context';
import { withDuplicatePolicy } from '../duplicate-policy';
import { problem } from '../problem';
import { attempt, entityOf, recordContext, sendRecord } from '../record-request';

/** The most records one merge takes into its survivor. */
export const MAX_MERGED = 50;

/** The body of a merge, checked: {"from": [distinct record ids, not the survivor's], "values": {...}?}. */
function mergeBody(body: unknown, survivor: string): { from: string[]; values?: Record<string, unknown> } {
  const { from, values, ...rest } = (body && typeof body === 'object' && !Array.isArray(body) ? body : { from: undefined }) as Record<string, unknown>;
  const ids = Array.isArray(from) ? from : [];
  const valid = ids.length >= 1 && ids.length <= MAX_MERGED && ids.every((i) => typeof i === 'string' && isUuid(i) && i !== survivor)
    && new Set(ids).size === ids.length && !Object.keys(rest).length
    && (values === undefined || (values !== null && typeof values === 'object' && !Array.isArray(values)));
  if (!valid) {
    throw problem(400, {
      code: 'merge.invalid',
      detail: `The body must be {"from": [1 to ${MAX_MERGED} distinct ids of other records], "values": {field: value}} (values optional).`,
    });
  }
  return { from: ids as string[], ...(values === undefined ? {} : { values: values as Record<string, unknown> }) };
}

/** GET /api/records/:entity/:id/duplicates and POST /api/records/:entity/:id/merge. */
export const duplicateRoutes: RouteModule = {
  path: '/records',
  routes: (ctx) => Router()
    .get('/:entity/:id/duplicates', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      res.json({ data: await attempt(() => recordDuplicates(recordContext(ctx, req, res), entity, req.params.id)) });
    })
    .post('/:entity/:id/merge', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      if (entity.system) throw problem(400, { code: 'merge.system', detail: 'Users and departments cannot be merged.' });
      const request = mergeBody(req.body, req.params.id);
      const rc = withDuplicatePolicy(recordContext(ctx, req, res), req);
      sendRecord(res, await attempt(() => mergeRecords(rc, entity, req.params.id, request)));
    }),
};
