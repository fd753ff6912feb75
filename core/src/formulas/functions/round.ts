import type { FormulaFunction } from '../types';
import { expect, roundHalfAway, sqlOf, strict } from '../values';

/** ROUND(x, digits = 0): half away from zero, as PostgreSQL rounds numeric; digits may be negative. */
export const ROUND: FormulaFunction = {
  name: 'ROUND',
  arity: { min: 1, max: 2 },
  signature: (types) => expect(types, [['number']], 'number'),
  evaluate: (args) => strict((x: number, digits: number) => roundHalfAway(x, roundHalfAway(digits)))(args[0], args.length > 1 ? args[1] : 0),
  toSql: ([x, digits]) => (digits ? sqlOf`ROUND(${x!}, CAST(${digits} AS integer))` : sqlOf`ROUND(${x!})`),
};
