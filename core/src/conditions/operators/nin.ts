import { KIND_TRAITS, type Operator, sqlOf } from '../operator';
import { checkList, isIn, isInSql } from './in';

/** $nin: exactly not $in, so empty values match unless the list holds null. */
export const nin: Operator = {
  name: '$nin',
  placeholders: 'list',
  supports: (kind) => KIND_TRAITS[kind.name].equality,
  check: checkList,
  evaluate: (actual, operand, kind) => !isIn(actual, operand, kind),
  toSql: (x, operand, kind) => sqlOf`(not ${isInSql(x, operand, kind)})`,
};
