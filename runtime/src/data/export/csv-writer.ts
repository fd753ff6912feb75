import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { ExportFormat } from './export-format';

/**
 * A number as plain decimal text. JavaScript writes very large and very small numbers with an exponent (1e+21,
 * 1e-7), which spreadsheets and the import would read as text; the digits are kept and the point moved instead.
 */
export function plainDecimal(n: number): string {
  const text = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, lead, rest = '', exponent] = m;
  const digits = `${lead}${rest}`;
  const e = Number(exponent);
  return e < 0 ? `${sign}0.${'0'.repeat(-e - 1)}${digits}` : `${sign}${digits.padEnd(e + 1, '0')}`;
}

/**
 * UTF-8 CSV (RFC 4180 quoting) that starts with a byte order mark, without which Excel reads UTF-8 as the system's
 * code page and garbles Chinese. Cells are written as they are: prefixing formula-like text with a quote, as
 * csv-stringify's escape_formulas does, would change the values an import reads back.
 */
export const csvFormat: ExportFormat = {
  contentType: 'text/csv; charset=utf-8',
  extension: 'csv',
  write: (rows, out) =>
    // pipeline pulls a page only when the response has taken the previous ones, and destroys every stream on an error.
    pipeline(Readable.from(rows), stringify({ bom: true, cast: { number: plainDecimal } }), out),
};
