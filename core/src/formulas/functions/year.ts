import type { FormulaFunction } from '../types';
import { expect, sqlOf, strict } from '../values';

/** YEAR(date): the year as a number. */
export const YEAR: FormulaFunction = {
  name: 'YEAR',
  arity: { min: 1, max: 1 },
  signature: (types) => expect(types, [['date']], 'number'),
  evaluate: ([d]) => strict((s: string) => Number(s.slice(0, 4)))(d),
  toSql: ([d]) => sqlOf`CAST(EXTRACT(YEAR FROM ${d!}) AS numeric)`,
};
