import type { FormulaFunction } from '../types';
import { expect, sqlOf, strict } from '../values';

/** LOWER(text): ASCII letters only, the same under every database locale (SQL runs it under the "C" collation). */
export const LOWER: FormulaFunction = {
  name: 'LOWER',
  arity: { min: 1, max: 1 },
  signature: (types) => expect(types, [['text']], 'text'),
  evaluate: ([x]) => strict((s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase()))(x),
  toSql: ([x]) => sqlOf`LOWER(${x!} COLLATE "C")`,
};
