import { checkLiteral, KIND_TRAITS, type Operator, sqlOf } from '../operator';
import { equals, equalsSql } from './eq';

/** $ne: exactly not $eq, so empty values match $ne of any non-null operand. */
export const ne: Operator = {
  name: '$ne',
  placeholders: 'value',
  supports: (kind) => KIND_TRAITS[kind.name].equality,
  check: (operand, kind) => checkLiteral(operand, kind, true),
  evaluate: (actual, operand, kind) => !equals(actual, operand, kind),
  toSql: (x, operand, kind) => sqlOf`(not ${equalsSql(x, operand, kind)})`,
};
