import type { FormulaFunction } from '../types';
import { expect, roundHalfAway, sqlOf, strict } from '../values';
import { dateOfDayNumber, dayNumber } from './calendar';

/** ADD_DAYS(date, days): the date that many days later (days are rounded to a whole number, as SQL casts them). */
export const ADD_DAYS: FormulaFunction = {
  name: 'ADD_DAYS',
  arity: { min: 2, max: 2 },
  signature: (types) => expect(types, [['date'], ['number']], 'date'),
  evaluate: ([date, days]) => strict((d: string, n: number) => dateOfDayNumber(dayNumber(d) + roundHalfAway(n)))(date, days),
  toSql: ([date, days]) => sqlOf`(${date!} + CAST(${days!} AS integer))`,
};
