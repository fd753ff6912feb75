import type { FormulaFunction } from '../types';
import { expect, sqlOf, strict } from '../values';

/** MONTH(date): the month, 1 to 12. */
export const MONTH: FormulaFunction = {
  name: 'MONTH',
  arity: { min: 1, max: 1 },
  signature: (types) => expect(types, [['date']], 'number'),
  evaluate: ([d]) => strict((s: string) => Number(s.slice(5, 7)))(d),
  toSql: ([d]) => sqlOf`CAST(EXTRACT(MONTH FROM ${d!}) AS numeric)`,
};
