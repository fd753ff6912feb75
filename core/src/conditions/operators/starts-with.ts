import { definite, sqlOf, type Operator } from '../operator';
import { foldAscii, foldAsciiSql, needle } from './contains';

/** $startsWith: text begins with the operand, A-Z folded as $contains does; false when empty. */
export const startsWith: Operator = {
  name: '$startsWith',
  placeholders: 'none',
  supports: (kind) => kind.name === 'text',
  check: (operand) => (typeof operand === 'string' ? undefined : { en: 'a string', 'zh-CN': '字符串' }),
  evaluate: (actual, operand) => actual !== null && foldAscii(String(actual)).startsWith(foldAscii(String(operand))),
  toSql: (x, operand, kind) => definite(sqlOf`starts_with(${foldAsciiSql(x)}, ${needle(operand, kind)})`, x),
};
