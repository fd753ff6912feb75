import type { FormulaFunction } from '../types';
import { expect, sqlOf, strict } from '../values';
import { dayNumber } from './calendar';

/** DAYS_BETWEEN(start, end): end minus start in days (negative when end is earlier). */
export const DAYS_BETWEEN: FormulaFunction = {
  name: 'DAYS_BETWEEN',
  arity: { min: 2, max: 2 },
  signature: (types) => expect(types, [['date']], 'number'),
  evaluate: ([start, end]) => strict((a: string, b: string) => dayNumber(b) - dayNumber(a))(start, end),
  toSql: ([start, end]) => sqlOf`CAST((${end!} - ${start!}) AS numeric)`,
};
