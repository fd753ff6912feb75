import type { SqlFragment } from '../../sql/fragment';
import { bound, checkLiteral, compareValues, definite, KIND_TRAITS, type KindInfo, type Operator, sqlOf } from '../operator';

/** Equality that is true or false: null equals only null. */
export const equals = (actual: unknown, operand: unknown, kind: KindInfo): boolean =>
  actual === null || operand === null ? actual === operand : compareValues(actual, operand, kind) === 0;

/** Equality in SQL, never unknown: "$eq null" is IS NULL. */
export const equalsSql = (x: SqlFragment, operand: unknown, kind: KindInfo): SqlFragment =>
  operand === null ? sqlOf`(${x} is null)` : definite(sqlOf`${x} = ${bound(operand, kind)}`, x);

/** $eq: the value equals the operand; $eq null matches empty values. */
export const eq: Operator = {
  name: '$eq',
  placeholders: 'value',
  supports: (kind) => KIND_TRAITS[kind.name].equality,
  check: (operand, kind) => checkLiteral(operand, kind, true),
  evaluate: equals,
  toSql: equalsSql,
};
