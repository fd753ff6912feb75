import type { BinaryOperator, UnaryOperator } from '../types';
import { expect, sqlOf, strict } from '../values';

const isNull = (v: unknown): boolean => v === null || v === undefined;

/** a && b with SQL's three-valued logic: false wins over NULL, NULL over true. */
export const and: BinaryOperator = {
  symbol: '&&',
  signature: (left, right) => expect([left, right], [['boolean']], 'boolean'),
  evaluate: (a, b) => (a === false || b === false ? false : isNull(a) || isNull(b) ? null : true),
  toSql: (a, b) => sqlOf`(${a} AND ${b})`,
};

/** a || b with SQL's three-valued logic: true wins over NULL, NULL over false. */
export const or: BinaryOperator = {
  symbol: '||',
  signature: (left, right) => expect([left, right], [['boolean']], 'boolean'),
  evaluate: (a, b) => (a === true || b === true ? true : isNull(a) || isNull(b) ? null : false),
  toSql: (a, b) => sqlOf`(${a} OR ${b})`,
};

/** !a: NULL stays NULL. */
export const not: UnaryOperator = {
  symbol: '!',
  signature: (operand) => expect([operand], [['boolean']], 'boolean'),
  evaluate: strict((a: boolean) => !a),
  toSql: (a) => sqlOf`(NOT ${a})`,
};
