import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import type ExcelJS from 'exceljs';
import { exceljs } from '../../exceljs';
import { SourceError, splitFirst, type ImportReader, type SourceLine } from './source-line';

/** A cell's value as the text a CSV cell would hold: dates as ISO dates (or instants), rich text and formulas by their text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value !== 'object') return String(value);
  const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string };
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if (v.text !== undefined) return cellText(v.text);
  if ('result' in v) return cellText(v.result);
  return v.error ?? '';
}

/** The first worksheet of an XLSX workbook, read as a stream (rows are numbered as Excel shows them; empty rows are skipped). */
export const xlsxReader: ImportReader = {
  format: 'xlsx',
  async open(path, onBytes) {
    let total = 0;
    const input = createReadStream(path).pipe(new Transform({
      transform(chunk: Buffer, _encoding, done) {
        onBytes((total += chunk.length));
        done(null, chunk);
      },
    }));
    const workbook = new (exceljs().stream.xlsx.WorkbookReader)(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
    async function* lines(): AsyncGenerator<SourceLine> {
      try {
        for await (const sheet of workbook) {
          for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
            const values = (row.values as unknown[]).slice(1).map(cellText);
            if (values.some((v) => v.trim() !== '')) yield { line: row.number, cells: values };
          }
          return;
        }
      } catch (error) {
        throw new SourceError('xlsx', (error as Error).message);
      }
    }
    const { first, rest } = await splitFirst(lines());
    return { headers: first?.cells ?? [], lines: rest };
  },
};
