import { bound, checkLiteral, compareValues, definite, KIND_TRAITS, ordered, sqlOf, type Operator } from '../operator';

/** $lte: the value is less than or equal to the operand; false for an empty value. */
export const lte: Operator = {
  name: '$lte',
  placeholders: 'value',
  supports: (kind) => KIND_TRAITS[kind.name].order,
  check: (operand, kind) => checkLiteral(operand, kind, false),
  evaluate: (actual, operand, kind) => actual !== null && compareValues(actual, operand, kind) <= 0,
  toSql: (x, operand, kind) => definite(sqlOf`${ordered(x, kind)} <= ${bound(operand, kind)}`, x),
};
