import { BULK_MAX_ITEMS, type EntityModel, type FormError } from '@tessera/core';
import { duplicatesInBatch } from '../duplicates/batch-duplicates';
import { visible } from './access-checks';
import { insertWithHooks, prepareCreate, type RecordContext } from './operations';
import { RecordError, type RecordErrorKind } from './record-error';

/** The outcome of one item of a bulk create, in request order. */
export type BulkItemResult =
  | { readonly index: number; readonly status: 201; readonly record: Record<string, unknown> }
  | { readonly index: number; readonly status: 400 | 403 | 409 | 422; readonly errors: readonly FormError[] };

/** The most records one bulk request may carry: the limit the OpenAPI document states. */
export const MAX_BULK_ITEMS = BULK_MAX_ITEMS;

const STATUS = { invalid: 400, rule: 422, forbidden: 403, duplicate: 409, duplicateWarning: 409 } as const;

// The kind of an all-or-nothing refusal: the first of these that some item was refused for.
const PRECEDENCE = ['forbidden', 'invalid', 'duplicate', 'duplicateWarning', 'rule'] as const;

/** An item refused before the transaction: why (for an all-or-nothing answer), and its result. */
const refusal = (index: number, error: RecordError) => {
  const kind = error.kind as keyof typeof STATUS;
  return { index, kind, refused: { status: STATUS[kind], errors: error.errors } };
};

/**
 * Creates many records. All or nothing (the default): every item is checked first and one transaction inserts them
 * all, or a RecordError lists each refused item's errors under /records/<index> and nothing is written. Otherwise each
 * item stands alone in a savepoint, and the results say which were created.
 */
export async function bulkCreate(ctx: RecordContext, entity: EntityModel, items: readonly unknown[], allOrNothing: boolean): Promise<BulkItemResult[]> {
  const checked = await Promise.all(items.map(async (body, index) => {
    try {
      return { index, record: await prepareCreate(ctx, entity, body) };
    } catch (error) {
      if (!(error instanceof RecordError) || !Object.hasOwn(STATUS, error.kind)) throw error;
      return refusal(index, error);
    }
  }));
  // Each item was checked against the stored records only: a later copy of an earlier item is refused here.
  const inBatch = duplicatesInBatch(ctx, entity, checked.map((p) => ('record' in p ? p.record : undefined)));
  const prepared = checked.map((p) => (inBatch.has(p.index) ? refusal(p.index, inBatch.get(p.index)!) : p));
  const refused = prepared.flatMap((p) => ('refused' in p && p.refused ? [{ index: p.index, kind: p.kind, ...p.refused }] : []));
  if (allOrNothing && refused.length) {
    const errors = refused.flatMap((r) => r.errors.map((e) => ({ ...e, path: `/records/${r.index}${e.path}` })));
    throw new RecordError(PRECEDENCE.find((k: RecordErrorKind) => refused.some((r) => r.kind === k))!, errors);
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
