import type { ValueKindDefinition } from '../value-kinds';
import { compareCodePoints } from './text';

/** Lists of strings (text[]); ordered element by element, then by length, as PostgreSQL orders arrays. */
export const textListKind: ValueKindDefinition = {
  sqlCast: 'text',
  isLiteral: (value) => Array.isArray(value) && value.every((item) => typeof item === 'string'),
  literal: { en: 'a list of strings', 'zh-CN': '字符串列表' },
  normalize: (value) => (Array.isArray(value) ? value.map(String) : value),
  compare: (a, b) => {
    const x = a as readonly string[];
    const y = b as readonly string[];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = compareCodePoints(x[i]!, y[i]!);
      if (c !== 0) return c;
    }
    return Math.sign(x.length - y.length);
  },
};
