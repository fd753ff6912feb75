import type { ValueKindDefinition } from '../value-kinds';

/**
 * Orders two strings by Unicode code point, as COLLATE "C" does in PostgreSQL (UTF-8 bytes order like code points).
 * JS `<` compares UTF-16 units, which puts astral characters (surrogate pairs) before U+E000..U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return Math.sign(rank(x) - rank(y));
  }
  return Math.sign(a.length - b.length);
}

// Moves surrogates above U+E000..U+FFFF so that the first differing unit orders like the code points it belongs to.
const rank = (unit: number): number => (unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);

/** Text: compared by code point. */
export const textKind: ValueKindDefinition = {
  sqlCast: 'text',
  isLiteral: (value) => typeof value === 'string',
  literal: { en: 'a string', 'zh-CN': '字符串' },
  normalize: (value) => (value === null || value === undefined || typeof value === 'string' ? value : String(value)),
  compare: (a, b) => compareCodePoints(String(a), String(b)),
};
