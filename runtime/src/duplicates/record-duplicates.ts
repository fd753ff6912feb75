import { localize, type EntityModel } from '@tessera/core';
import { getRecord, type RecordContext } from '../records/operations';
import { findRuleMatches } from './find-duplicates';
import { readableRecords, type RecordRef } from './readable-titles';

/** The records a rule finds for a record, as GET .../duplicates answers them. */
export interface RuleDuplicates {
  readonly rule: string;
  readonly action: 'warn' | 'block';
  readonly label: string;
  readonly records: readonly RecordRef[];
}

/**
 * The readable records matching a readable record, per rule, under the rules over fields the caller may read (so a
 * hidden field never shows through a match); rules finding nothing the caller may read are left out.
 */
export async function recordDuplicates(ctx: RecordContext, entity: EntityModel, id: string): Promise<RuleDuplicates[]> {
  const record = await getRecord(ctx, entity, id);
  const rules = ctx.permissions.model.entities[entity.name]?.duplicateRules ?? [];
  const [matches = []] = await findRuleMatches(ctx.db, ctx.app, entity, rules, [record], [id]);
  const found = await Promise.all(matches.map(async (m) => ({
    rule: m.rule, action: m.action, records: await readableRecords(ctx, entity, m.ids),
    label: localize(rules.find((r) => r.name === m.rule)!.label, ctx.locale, m.rule),
  })));
  return found.filter((f) => f.records.length);
}
