import type { FormulaFunction } from '../types';
import { expect, sqlOf, strict } from '../values';

/** LEN(text): the number of characters (code points, as PostgreSQL's length() counts them). */
export const LEN: FormulaFunction = {
  name: 'LEN',
  arity: { min: 1, max: 1 },
  signature: (types) => expect(types, [['text']], 'number'),
  evaluate: ([x]) => strict((s: string) => [...s].length)(x),
  toSql: ([x]) => sqlOf`CAST(LENGTH(${x!}) AS numeric)`,
};
