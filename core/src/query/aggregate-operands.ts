import type { ResolvedPath } from '../conditions/ast';
import type { LocalIssue } from '../errors/issue';
import { fieldTypes } from '../fields/builtins';
import { fieldStorage, isWriteOnly } from '../fields/storage';
import type { AppModel, EntityModel, FieldModel } from '../model/app-model';
import { resolvePath } from '../model/paths';

/** The lookups an aggregate's key or measure may follow: one, so a statement reads at most one row of another table per row. */
export const MAX_AGGREGATE_HOPS = 1;

/**
 * Whether aggregates may read a field: it is returned to clients and SQL computes it, from its column or, for a
 * computed field such as a formula, from its type's SQL expression (a computed field without one is refused).
 */
export const hasAggregateSql = (field: FieldModel): boolean =>
  !isWriteOnly(field) && (fieldStorage(field) === 'column' || fieldTypes.get(field.type).sqlExpression !== undefined);

/** What an operand is for: the parameter it is in, its use in both languages, and the fields that suit that use. */
export interface OperandUse {
  readonly param: 'groupBy' | 'measures';
  readonly en: string;
  readonly zh: string;
  readonly fits: (field: FieldModel) => boolean;
}

/** An operand resolved to its path, or the issue that says why not. */
export type OperandResult = { readonly ok: true; readonly path: ResolvedPath } | { readonly ok: false; readonly issue: LocalIssue };

/**
 * Resolves an operand, a field of the entity or a lookup's field ("account.valueTier"), against the model the caller
 * may read: a hidden field, or a lookup's target the caller may not read, is unknown. An unknown or unsuitable field
 * is reported on the entity where the path went wrong, with the fields there that suit the use.
 */
export function resolveOperand(app: AppModel, entity: EntityModel, text: string, use: OperandUse, at: string): OperandResult {
  const resolved = resolvePath(app, entity.name, text, MAX_AGGREGATE_HOPS);
  if (resolved.ok && [...resolved.path.via, resolved.path.field].every(hasAggregateSql) && use.fits(resolved.path.field)) return { ok: true, path: resolved.path };
  const parts = text.split('.');
  if (parts.length > MAX_AGGREGATE_HOPS + 1) {
    const wanted = { wanted: 'a field, or a field of a lookup\'s target (one lookup: account.valueTier)', wantedZh: '字段，或查找字段目标实体的字段（最多一层：account.valueTier）' };
    return { ok: false, issue: { code: 'query.value', path: `/query/${at}`, params: { name: use.param, ...wanted }, found: text } };
  }
  const [head = '', name] = parts;
  const link = name !== undefined && Object.hasOwn(entity.fields, head) ? entity.fields[head] : undefined;
  const target = link && hasAggregateSql(link) ? app.entities[fieldTypes.get(link.type).target?.(link.definition as never) ?? ''] : undefined;
  const where = target ?? entity;
  const known = where.fieldNames.map((n) => where.fields[n]!).filter((f) => hasAggregateSql(f) && use.fits(f)).map((f) => f.name);
  return {
    ok: false,
    issue: { code: 'query.field', path: `/query/${at}`, params: { entity: where.name, name: target ? name : text, use: use.en, useZh: use.zh, known }, found: text },
  };
}
