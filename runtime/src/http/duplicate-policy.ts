import type { Request } from 'express';
import type { RecordContext } from '../records/operations';
import { problem } from './problem';

/**
 * A write's record context with the request's duplicate policy: `?allowDuplicates=true` writes a record that only
 * warn rules object to; block rules always refuse. Anything but true or false answers 400.
 */
export function withDuplicatePolicy(rc: RecordContext, req: Request): RecordContext {
  const value = req.query.allowDuplicates;
  if (value === undefined || value === 'false') return rc;
  if (value === 'true') return { ...rc, duplicates: 'allowWarnings' };
  throw problem(400, {
    code: 'query.invalid', detail: 'The request is not valid.',
    errors: [{ path: '/query/allowDuplicates', code: 'type', message: rc.locale === 'zh-CN' ? '应为 true 或 false' : 'must be true or false' }],
  });
}
