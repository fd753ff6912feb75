import { BULK_MAX_ITEMS, type EntityModel, type FormError } from '@tessera/core';
import { visible } from './access-checks';
import { insertWithHooks, prepareCreate, type RecordContext } from './operations';
import { RecordError } from './record-error';

/** The outcome of one item of a bulk create, in request order. */
export type BulkItemResult =
  | { readonly index: number; readonly status: 201; readonly record: Record<string, unknown> }
  | { readonly index: number; readonly status: 400 | 403 | 409 | 422; readonly errors: readonly FormError[] };

/** The most records one bulk request may carry: the limit the OpenAPI document states. */
export const MAX_BULK_ITEMS = BULK_MAX_ITEMS;

const STATUS = { invalid: 400, rule: 422, forbidden: 403 } as const;

/**
 * Creates many records. All or nothing (the default): every item is checked first and one transaction inserts them
 * all, or a RecordError lists each refused item's errors under /records/<index> and nothing is written. Otherwise each
 * item stands alone in a savepoint, and the results say which were created.
 */
export async function bulkCreate(ctx: RecordContext, entity: EntityModel, items: readonly unknown[], allOrNothing: boolean): Promise<BulkItemResult[]> {
  const prepared = await Promise.all(items.map(async (body, index) => {
    try {
      return { index, record: await prepareCreate(ctx, entity, body) };
    } catch (error) {
      if (!(error instanceof RecordError) || (error.kind !== 'invalid' && error.kind !== 'rule' && error.kind !== 'forbidden')) throw error;
      return { index, refused: { status: STATUS[error.kind], errors: error.errors } };
    }
  }));
  const refused = prepared.flatMap((p) => ('refused' in p && p.refused ? [{ index: p.index, ...p.refused }] : []));
  if (allOrNothing && refused.length) {
    const errors = refused.flatMap((r) => r.errors.map((e) => ({ ...e, path: `/records/${r.index}${e.path}` })));
    const kind = refused.some((r) => r.status === 403) ? 'forbidden' : refused.every((r) => r.status === 422) ? 'rule' : 'invalid';
    throw new RecordError(kind, errors);
  }
  return ctx.db.transaction(async (trx) => {
    const results: BulkItemResult[] = [];
    for (const p of prepared) {
      if ('refused' in p && p.refused) {
        results.push({ index: p.index, ...p.refused });
        continue;
      }
      const record = (p as { record: Record<string, unknown> }).record;
      if (allOrNothing) {
        results.push({ index: p.index, status: 201, record: visible(ctx.permissions, entity, await insertWithHooks(trx, ctx, entity, record)) });
        continue;
      }
      try {
        results.push({ index: p.index, status: 201, record: visible(ctx.permissions, entity, await trx.transaction((sp) => insertWithHooks(sp, ctx, entity, record))) });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code !== '23505' && code !== '23503') throw error;
        results.push({ index: p.index, status: 409, errors: [{ path: '', code: code === '23505' ? 'unique' : 'reference', message: code === '23505' ? 'a record with these values already exists' : 'a referenced record does not exist' }] });
      }
    }
    return results;
  });
}
