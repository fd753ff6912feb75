import type { ValueKindDefinition } from '../value-kinds';

/** Booleans; false sorts before true, as in SQL. */
export const booleanKind: ValueKindDefinition = {
  sqlCast: 'boolean',
  isLiteral: (value) => typeof value === 'boolean',
  literal: { en: 'true or false', 'zh-CN': 'true 或 false' },
  normalize: (value) => (value === 't' || value === 'true' ? true : value === 'f' || value === 'false' ? false : value),
  compare: (a, b) => Number(a === true) - Number(b === true),
};
