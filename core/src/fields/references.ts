import { issue, type Issue } from '../errors/issue';
import type { CoerceResult, FieldCheckContext } from './field-type';
import { isUuid } from './kinds/reference';
import { EQUALITY_OPERATORS } from './operator-sets';
import { columnSort } from './sort-sql';

/** A record id from text: a UUID, lower-cased (resolving names to ids is the importer's job). */
export function coerceUuid(raw: string): CoerceResult {
  const text = raw.trim();
  return isUuid(text) ? { ok: true, value: text.toLowerCase() } : { ok: false, expected: 'a record id (UUID)' };
}

/** A 'ref.entity' issue when a reference field's target entity does not exist. */
export function targetIssues(target: string, ctx: FieldCheckContext): Issue[] {
  if (Object.hasOwn(ctx.app.entities, target)) return [];
  const at = { file: ctx.at.file, path: `${ctx.at.path}/target` };
  return [issue('ref.entity', at, { name: target, known: Object.keys(ctx.app.entities) }, target)];
}

/** What every reference type (lookup, masterDetail, user) shares: a UUID value, equality operators, sorted by id. */
export const referenceBase = {
  kind: 'reference',
  valueSchema: () => ({ type: 'string', format: 'uuid' }),
  operators: EQUALITY_OPERATORS,
  coerce: coerceUuid,
  sortSql: columnSort,
} as const;
