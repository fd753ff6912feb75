import { duplicateKeys, type EntityModel } from '@tessera/core';
import type { Row } from '../db/statement';
import type { RecordContext } from '../records/operations';
import { RecordError } from '../records/record-error';
import { duplicateError } from './duplicate-check';

/**
 * The records of one batch (a bulk create) that match an earlier record of the same batch under a rule the policy
 * enforces, by index: each refused like a match with a stored record, naming the earlier item. Missing records (items
 * refused already) take no part.
 */
export function duplicatesInBatch(ctx: RecordContext, entity: EntityModel, records: ReadonlyArray<Row | undefined>): Map<number, RecordError> {
  const policy = ctx.duplicates ?? 'refuse';
  const refused = new Map<number, RecordError>();
  if (policy === 'skip') return refused;
  const first = new Map<string, number>();
  records.forEach((record, index) => {
    if (!record) return;
    const enforced = duplicateKeys(entity, record).filter((k) => k.action === 'block' || policy === 'refuse');
    const matches = enforced.filter((k) => first.has(`${k.rule}\0${k.key}`));
    for (const k of enforced) if (!first.has(`${k.rule}\0${k.key}`)) first.set(`${k.rule}\0${k.key}`, index);
    if (!matches.length) return;
    const errors = matches.map((k) => {
      const fields = entity.duplicateRules.find((r) => r.name === k.rule)!.fields.map((f) => f.field);
      return { ...duplicateError(ctx, entity, { rule: k.rule, action: k.action, fields }, []), item: first.get(`${k.rule}\0${k.key}`)! };
    });
    refused.set(index, new RecordError(matches.some((k) => k.action === 'block') ? 'duplicate' : 'duplicateWarning', errors));
  });
  return refused;
}
