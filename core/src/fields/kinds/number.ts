import type { ValueKindDefinition } from '../value-kinds';

/** Numbers; pg returns numeric and int8 as strings, which normalize turns into numbers. */
export const numberKind: ValueKindDefinition = {
  sqlCast: 'numeric',
  isLiteral: (value) => typeof value === 'number' && Number.isFinite(value),
  literal: { en: 'a number', 'zh-CN': '数字' },
  normalize: (value) =>
    (typeof value === 'string' && value.trim() !== '') || typeof value === 'bigint' ? Number(value) : value,
  compare: (a, b) => Math.sign(Number(a) - Number(b)),
};
