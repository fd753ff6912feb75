import { joinSql, type SqlFragment } from '../../sql/fragment';
import { definite, KIND_TRAITS, type KindInfo, literalOf, type Operator, sqlOf, type Wanted } from '../operator';
import { equals } from './eq';

/** The wanted text for a list of literals of the kind. */
const listOf = (kind: KindInfo): Wanted => ({ en: `a list of ${literalOf(kind).en}`, 'zh-CN': `由${literalOf(kind)['zh-CN']}组成的列表` });

/** Whether the value equals an element of the list (null in the list matches an empty value). */
export const isIn = (actual: unknown, operand: unknown, kind: KindInfo): boolean =>
  (operand as readonly unknown[]).some((item) => equals(actual, item, kind));

/**
 * Membership in SQL, never unknown: the null element becomes IS NULL, an empty list false. The list is one array
 * parameter, so the statement's text does not depend on its length (a manager's subordinates, a user's departments)
 * and one prepared statement serves every user.
 */
export function isInSql(x: SqlFragment, operand: unknown, kind: KindInfo): SqlFragment {
  const items = operand as readonly unknown[];
  const values = items.filter((item) => item !== null);
  const parts: SqlFragment[] = [];
  if (values.length > 0) parts.push(definite(sqlOf`${x} = any(${{ sql: `cast(? as ${kind.def.sqlCast}[])`, bindings: [values] }})`, x));
  if (values.length < items.length) parts.push(sqlOf`(${x} is null)`);
  return parts.length === 0 ? { sql: 'false', bindings: [] } : sqlOf`(${joinSql(parts, ' or ')})`;
}

/** Checks a list operand: an array of literals of the kind or null. */
export const checkList = (operand: unknown, kind: KindInfo): Wanted | undefined =>
  Array.isArray(operand) && operand.every((item) => item === null || kind.def.isLiteral(item)) ? undefined : listOf(kind);

/** $in: the value equals one element of the list; an empty list matches nothing. */
export const inList: Operator = {
  name: '$in',
  placeholders: 'list',
  supports: (kind) => KIND_TRAITS[kind.name].equality,
  check: checkList,
  evaluate: isIn,
  toSql: isInSql,
};
