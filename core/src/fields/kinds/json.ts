import type { ValueKindDefinition } from '../value-kinds';

const isJson = (value: unknown): boolean => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(isJson);
  return false;
};

/** Any JSON data; it has no order, so every pair of values compares equal. */
export const jsonKind: ValueKindDefinition = {
  sqlCast: 'jsonb',
  isLiteral: (value) => value !== null && isJson(value),
  literal: { en: 'JSON data', 'zh-CN': 'JSON 数据' },
  normalize: (value) => value,
  compare: () => 0,
};
