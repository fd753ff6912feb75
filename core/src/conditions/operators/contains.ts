import type { ValueKind } from '../../fields/value-kinds';
import type { SqlFragment } from '../../sql/fragment';
import { bound, definite, sqlOf, type KindInfo, type Operator, type Wanted } from '../operator';

/**
 * Folds A-Z to a-z and nothing else. lower() and ILIKE fold other letters differently under PGlite's C collation and
 * PostgreSQL's C.UTF-8, so only ASCII folding gives the same answer on every engine and in memory.
 */
export const foldAscii = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The SQL of foldAscii. */
export const foldAsciiSql = (x: SqlFragment): SqlFragment =>
  sqlOf`translate(${x}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

/** The folded needle, bound as text. */
export const needle = (operand: unknown, kind: KindInfo): SqlFragment => bound(foldAscii(String(operand)), kind);

const TEXT: Wanted = { en: 'a string', 'zh-CN': '字符串' };

interface ContainsRule {
  evaluate(actual: unknown, operand: string): boolean;
  toSql(x: SqlFragment, operand: string, kind: KindInfo): SqlFragment;
}

// What "contains" means per kind: a substring of text (strpos, so % and _ are plain characters), an element of a list.
const RULES: Partial<Record<ValueKind, ContainsRule>> = {
  text: {
    evaluate: (actual, operand) => foldAscii(String(actual)).includes(foldAscii(operand)),
    toSql: (x, operand, kind) => definite(sqlOf`strpos(${foldAsciiSql(x)}, ${needle(operand, kind)}) > 0`, x),
  },
  textList: {
    evaluate: (actual, operand) => Array.isArray(actual) && actual.map(String).includes(operand),
    toSql: (x, operand, kind) => definite(sqlOf`${x} @> array[${bound(operand, kind)}]`, x),
  },
};

/** $contains: text holds the operand (ASCII case folded), or a list holds it as an element; false when empty. */
export const contains: Operator = {
  name: '$contains',
  placeholders: 'none',
  supports: (kind) => RULES[kind.name] !== undefined,
  check: (operand) => (typeof operand === 'string' ? undefined : TEXT),
  evaluate: (actual, operand, kind) => actual !== null && RULES[kind.name]!.evaluate(actual, String(operand)),
  toSql: (x, operand, kind) => RULES[kind.name]!.toSql(x, String(operand), kind),
};
