import { bound, checkLiteral, compareValues, definite, KIND_TRAITS, ordered, sqlOf, type Operator } from '../operator';

/** $lt: the value is less than the operand; false for an empty value. */
export const lt: Operator = {
  name: '$lt',
  placeholders: 'value',
  supports: (kind) => KIND_TRAITS[kind.name].order,
  check: (operand, kind) => checkLiteral(operand, kind, false),
  evaluate: (actual, operand, kind) => actual !== null && compareValues(actual, operand, kind) < 0,
  toSql: (x, operand, kind) => definite(sqlOf`${ordered(x, kind)} < ${bound(operand, kind)}`, x),
};
