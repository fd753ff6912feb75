import { localize, matchValue, type EntityModel, type FormError } from '@tessera/core';
import type { DuplicateRule } from '@tessera/metadata';
import type { Row } from '../db/statement';
import type { RecordContext } from '../records/operations';
import { RecordError } from '../records/record-error';
import { findRuleMatches, type DuplicateMatch } from './find-duplicates';
import { readableRecords, type RecordRef } from './readable-titles';

/**
 * What a write does about duplicate rules: refuse on a block or a warn rule (the default), refuse on a block rule only
 * (the request allows duplicates), or skip the check: the caller checks whole batches itself (an import, with
 * findDuplicates) or writes curated data (seed files, planned before their tables exist and planned again when re-run).
 */
export type DuplicatePolicy = 'refuse' | 'allowWarnings' | 'skip';

/** A refused write's error about one rule: the rule, its fields, and the matching records the caller may read. */
export interface DuplicateError extends FormError {
  readonly rule: string;
  readonly fields: readonly string[];
  readonly records: readonly RecordRef[];
}

/**
 * Refuses a record to be written when it matches a stored one under a rule the policy enforces (409). On update
 * (`before` given) only rules over a changed field are checked, so an old duplicate does not block unrelated edits, and
 * the record never matches itself.
 */
export async function checkDuplicates(ctx: RecordContext, entity: EntityModel, record: Row, before?: Row): Promise<void> {
  const rules = rulesToCheck(ctx.duplicates ?? 'refuse', entity, record, before);
  if (!rules.length) return;
  const [matches] = await findRuleMatches(ctx.db, ctx.app, entity, rules, [record], [before?.id as string | undefined]);
  if (matches?.length) throw await duplicateRefusal(ctx, entity, matches);
}

/** The rules a write must check under a policy: on update, those over a field the update changes. */
export function rulesToCheck(policy: DuplicatePolicy, entity: EntityModel, record: Row, before?: Row): DuplicateRule[] {
  if (policy === 'skip') return [];
  return entity.duplicateRules.filter((rule) => (rule.action === 'block' || policy === 'refuse')
    && (!before || rule.fields.some(({ field, match }) => {
      const model = entity.fields[field]!;
      return matchValue(model, match, record[field]) !== matchValue(model, match, before[field]);
    })));
}

/** The error refusing a write that matches: 409 duplicate when a block rule matched, else duplicate.warning. */
export async function duplicateRefusal(ctx: RecordContext, entity: EntityModel, matches: readonly DuplicateMatch[]): Promise<RecordError> {
  const errors = await Promise.all(matches.map(async (m) => duplicateError(ctx, entity, m, await readableRecords(ctx, entity, m.ids))));
  return new RecordError(matches.some((m) => m.action === 'block') ? 'duplicate' : 'duplicateWarning', errors);
}

/** The error entry of one matched rule, in the request's language, at its first field the caller may read. */
export function duplicateError(ctx: RecordContext, entity: EntityModel, match: Omit<DuplicateMatch, 'ids'>, records: readonly RecordRef[]): DuplicateError {
  const rule = entity.duplicateRules.find((r) => r.name === match.rule)!;
  const shown = ctx.permissions.model.entities[entity.name]?.fields ?? {};
  const fields = match.fields.filter((f) => ctx.permissions.admin || Object.hasOwn(shown, f));
  const zh = ctx.locale === 'zh-CN';
  const labels = fields.map((f) => localize(entity.fields[f]!.label, ctx.locale, f)).join(zh ? '、' : ', ');
  const fallback = labels ? (zh ? `已存在${labels}相同的记录` : `a record with the same ${labels} exists`) : (zh ? '已存在相似的记录' : 'a similar record exists');
  return {
    path: fields.length ? `/${fields[0]}` : '', code: match.action === 'block' ? 'duplicate' : 'duplicate.warning',
    message: localize(rule.message, ctx.locale, fallback), rule: rule.name, fields, records,
  };
}
