import type { SqlFragment } from '../../sql/fragment';
import type { BinaryOperator, UnaryOperator } from '../types';
import { expect, sqlOf, strict } from '../values';

const numeric = (symbol: string, evaluate: (a: number, b: number) => number | null, toSql: (a: SqlFragment, b: SqlFragment) => SqlFragment): BinaryOperator => ({
  symbol,
  signature: (left, right) => expect([left, right], [['number']], 'number'),
  evaluate: strict(evaluate),
  toSql,
});

/** a + b on numbers (text is joined with CONCAT, never +). */
export const add = numeric('+', (a, b) => a + b, (a, b) => sqlOf`(${a} + ${b})`);

/** a - b on numbers. */
export const subtract = numeric('-', (a, b) => a - b, (a, b) => sqlOf`(${a} - ${b})`);

/** a * b on numbers. */
export const multiply = numeric('*', (a, b) => a * b, (a, b) => sqlOf`(${a} * ${b})`);

/** a / b on numbers; dividing by zero gives NULL. */
export const divide = numeric('/', (a, b) => (b === 0 ? null : a / b), (a, b) => sqlOf`(${a} / NULLIF(${b}, 0))`);

/** a % b on numbers, with the sign of a (as both JavaScript and PostgreSQL do); modulo zero gives NULL. */
export const modulo = numeric('%', (a, b) => (b === 0 ? null : a % b || 0), (a, b) => sqlOf`MOD(${a}, NULLIF(${b}, 0))`);

/** -a on a number. */
export const negate: UnaryOperator = {
  symbol: '-',
  signature: (operand) => expect([operand], [['number']], 'number'),
  evaluate: strict((a: number) => -a || 0),
  toSql: (a) => sqlOf`(- ${a})`,
};
