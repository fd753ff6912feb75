import type { FormulaFunction } from '../types';
import { expect, sqlOf, strict } from '../values';

/** ABS(x): the absolute value. */
export const ABS: FormulaFunction = {
  name: 'ABS',
  arity: { min: 1, max: 1 },
  signature: (types) => expect(types, [['number']], 'number'),
  evaluate: ([x]) => strict(Math.abs)(x),
  toSql: ([x]) => sqlOf`ABS(${x!})`,
};
