import type { FormulaFunction } from '../types';
import { expect, sqlOf, strict } from '../values';

/** UPPER(text): ASCII letters only, the same under every database locale (SQL runs it under the "C" collation). */
export const UPPER: FormulaFunction = {
  name: 'UPPER',
  arity: { min: 1, max: 1 },
  signature: (types) => expect(types, [['text']], 'text'),
  evaluate: ([x]) => strict((s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase()))(x),
  toSql: ([x]) => sqlOf`UPPER(${x!} COLLATE "C")`,
};
