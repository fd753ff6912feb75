import { sqlOf, type Operator } from '../operator';

/** $exists: true matches values that are not empty (not null), false matches empty ones. */
export const exists: Operator = {
  name: '$exists',
  placeholders: 'none',
  supports: () => true,
  check: (operand) => (typeof operand === 'boolean' ? undefined : { en: 'true or false', 'zh-CN': 'true 或 false' }),
  evaluate: (actual, operand) => (actual !== null) === operand,
  toSql: (x, operand) => (operand === true ? sqlOf`(${x} is not null)` : sqlOf`(${x} is null)`),
};
