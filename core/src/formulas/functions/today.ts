import type { FormulaFunction } from '../types';
import { boundSql } from '../values';

/** TODAY(): the calendar date of ctx.values.today, bound as a parameter so both backends see the same day. */
export const TODAY: FormulaFunction = {
  name: 'TODAY',
  arity: { min: 0, max: 0 },
  signature: () => ({ type: 'date' }),
  evaluate: (_args, _types, ctx) => ctx.values.today,
  toSql: (_args, _types, ctx) => boundSql(ctx.values.today, 'date'),
};
