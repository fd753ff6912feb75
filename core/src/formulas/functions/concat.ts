import type { FormulaFunction } from '../types';
import { expect } from '../values';

/**
 * CONCAT(a, b, ...): joins text, NULL counting as '' (PostgreSQL's concat()). Only text is accepted: numbers print
 * differently in JavaScript and PostgreSQL (1.5 against 1.5000), so they would not agree.
 */
export const CONCAT: FormulaFunction = {
  name: 'CONCAT',
  arity: { min: 1, max: 100 },
  signature: (types) => expect(types, [['text']], 'text'),
  evaluate: (args) => args.map((a) => (a === null || a === undefined ? '' : String(a))).join(''),
  toSql: (args) => ({ sql: `CONCAT(${args.map((a) => a.sql).join(', ')})`, bindings: args.flatMap((a) => a.bindings) }),
};
