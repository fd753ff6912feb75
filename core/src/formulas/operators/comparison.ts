import type { SqlFragment } from '../../sql/fragment';
import type { BinaryOperator, FormulaType } from '../types';
import { alike, kindOf, sqlOf, strict } from '../values';

const EQUATABLE: readonly FormulaType[] = ['number', 'text', 'boolean', 'date', 'datetime'];
const ORDERED: readonly FormulaType[] = ['number', 'text', 'date', 'datetime'];

// Text is ordered by code point in memory, so SQL compares it under the "C" collation.
const collate = (fragment: SqlFragment, type: FormulaType): SqlFragment =>
  type === 'text' ? sqlOf`${fragment} COLLATE "C"` : fragment;

const comparison = (symbol: string, sqlOp: string, allowed: readonly FormulaType[], holds: (order: number) => boolean): BinaryOperator => ({
  symbol,
  signature: (left, right) => alike([left, right], allowed, 'boolean'),
  evaluate: (left, right, operand) =>
    strict((a: unknown, b: unknown) => holds(kindOf(operand).compare(kindOf(operand).normalize(a), kindOf(operand).normalize(b))))(left, right),
  toSql: (a, b, operand) => ({ sql: `(${collate(a, operand).sql} ${sqlOp} ${b.sql})`, bindings: [...a.bindings, ...b.bindings] }),
});

/** a == b: NULL when either side is NULL. */
export const equal = comparison('==', '=', EQUATABLE, (o) => o === 0);

/** a != b: NULL when either side is NULL. */
export const notEqual = comparison('!=', '<>', EQUATABLE, (o) => o !== 0);

/** a < b. */
export const less = comparison('<', '<', ORDERED, (o) => o < 0);

/** a <= b. */
export const lessOrEqual = comparison('<=', '<=', ORDERED, (o) => o <= 0);

/** a > b. */
export const greater = comparison('>', '>', ORDERED, (o) => o > 0);

/** a >= b. */
export const greaterOrEqual = comparison('>=', '>=', ORDERED, (o) => o >= 0);
