import type { FormulaFunction } from '../types';
import { FORMULA_TYPES } from '../types';
import { alike } from '../values';

/** COALESCE(a, b, ...): the first argument that is not NULL; all arguments share one type. */
export const COALESCE: FormulaFunction = {
  name: 'COALESCE',
  arity: { min: 1, max: 100 },
  signature: (types) => alike(types, FORMULA_TYPES),
  evaluate: (args) => args.find((a) => a !== null && a !== undefined) ?? null,
  toSql: (args) => ({ sql: `COALESCE(${args.map((a) => a.sql).join(', ')})`, bindings: args.flatMap((a) => a.bindings) }),
};
