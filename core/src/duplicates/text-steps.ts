/**
 * A step of a match key, written twice from one definition: in JavaScript, and as SQL over a text column. Each step is
 * built from data (code point ranges, a case table) that both renderings share, so the two give the same text.
 */
export interface TextStep {
  js(text: string): string;
  /** The SQL expression of the step over a text expression that names a column (it may appear more than once). */
  sql(column: string): string;
}

/** Inclusive ranges of BMP code points. */
export type CodeRanges = ReadonlyArray<readonly [number, number]>;

const hex = (c: number) => c.toString(16).toUpperCase().padStart(4, '0');
const jsClass = (ranges: CodeRanges) => `[${ranges.map(([a, b]) => (a === b ? `\\u{${hex(a)}}` : `\\u{${hex(a)}}-\\u{${hex(b)}}`)).join('')}]`;
// PostgreSQL's regular expressions read \uXXXX escapes themselves: the SQL text stays ASCII.
const sqlClass = (ranges: CodeRanges) => `[${ranges.map(([a, b]) => (a === b ? `\\u${hex(a)}` : `\\u${hex(a)}-\\u${hex(b)}`)).join('')}]`;

/** Unicode compatibility normalization: full-width letters, digits and punctuation become their ASCII forms. */
export const nfkc: TextStep = {
  js: (text) => text.normalize('NFKC'),
  sql: (column) => `normalize(${column}, NFKC)`,
};

/** Removes every character in the ranges. */
export const removeChars = (ranges: CodeRanges): TextStep => {
  const pattern = new RegExp(jsClass(ranges), 'gu');
  return { js: (text) => text.replace(pattern, ''), sql: (column) => `regexp_replace(${column}, '${sqlClass(ranges)}', '', 'g')` };
};

/** Removes every character outside the ranges. */
export const keepChars = (ranges: CodeRanges): TextStep => {
  const pattern = new RegExp(jsClass(ranges).replace('[', '[^'), 'gu');
  return { js: (text) => text.replace(pattern, ''), sql: (column) => `regexp_replace(${column}, '${sqlClass(ranges).replace('[', '[^')}', '', 'g')` };
};

/** Removes characters in the ranges at both ends. */
export const trimChars = (ranges: CodeRanges): TextStep => {
  const pattern = new RegExp(`^${jsClass(ranges)}+|${jsClass(ranges)}+$`, 'gu');
  return { js: (text) => text.replace(pattern, ''), sql: (column) => `regexp_replace(${column}, '^${sqlClass(ranges)}+|${sqlClass(ranges)}+$', '', 'g')` };
};

/**
 * Rewrites the first match of a pattern written in the syntax both engines share (ASCII classes, groups, counts); the
 * replacement names groups as $1..$9, which SQL writes \1..\9.
 */
export const rewrite = (pattern: string, replacement: string): TextStep => {
  const re = new RegExp(pattern);
  const sqlReplacement = replacement.replace(/\$(\d)/g, '\\$1');
  return { js: (text) => text.replace(re, replacement), sql: (column) => `regexp_replace(${column}, '${pattern}', '${sqlReplacement}')` };
};

// Scripts whose capitals are folded, one step per block so that SQL skips the blocks a text has no letter of:
// translate() scans its whole table for every character, which costs ~100 µs a value over all of them at once.
const CASE_BLOCKS: CodeRanges = [[0x00C0, 0x024F], [0x0370, 0x052F], [0x1E00, 0x1EFF]];

/** Folds the capitals of a block that JavaScript lower-cases to one code point (not İ), by one table for both renderings. */
function foldBlock([first, last]: readonly [number, number]): TextStep {
  let upper = '';
  let lower = '';
  for (let c = first; c <= last; c++) {
    const char = String.fromCharCode(c);
    const small = char.toLowerCase();
    if (small !== char && small.length === 1) {
      upper += char;
      lower += small;
    }
  }
  const small = new Map([...upper].map((c, i) => [c, lower[i]!]));
  const pattern = new RegExp(jsClass([[first, last]]), 'gu');
  return {
    js: (text) => text.replace(pattern, (c) => small.get(c) ?? c),
    sql: (column) => `case when ${column} ~ '${sqlClass([[first, last]])}' then translate(${column}, '${upper}', '${lower}') else ${column} end`,
  };
}

/**
 * Lower case without the database's locale: ASCII by lower() under the C collation (under another collation it would
 * follow the server's libc), then Latin, Greek and Cyrillic capitals block by block.
 */
export const lowerCase: readonly TextStep[] = [
  { js: (text) => text.replace(/[A-Z]+/g, (s) => s.toLowerCase()), sql: (column) => `lower(${column} collate "C")` },
  ...CASE_BLOCKS.map(foldBlock),
];
