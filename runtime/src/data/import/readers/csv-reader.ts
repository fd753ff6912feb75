import { parse } from 'csv-parse';
import { SourceError, splitFirst, type ImportReader, type SourceLine } from './source-line';
import { sniffDelimiter, textInput } from './text-input';

/** CSV (RFC 4180) in UTF-8 or GB18030, delimited by comma, semicolon or tab; blank lines are skipped. */
export const csvReader: ImportReader = {
  format: 'csv',
  async open(path, onBytes) {
    const { text, firstLine } = await textInput(path, onBytes);
    const parser = text.pipe(parse({ bom: true, delimiter: sniffDelimiter(firstLine), relax_column_count: true, skip_empty_lines: true }));
    // Lines are numbered by record, as a spreadsheet numbers its rows, whatever line breaks quoted cells hold.
    async function* lines(): AsyncGenerator<SourceLine> {
      let line = 0;
      try {
        for await (const cells of parser as AsyncIterable<string[]>) yield { line: ++line, cells };
      } catch (error) {
        throw new SourceError('csv', (error as Error).message);
      }
    }
    const { first, rest } = await splitFirst(lines());
    return { headers: first?.cells ?? [], lines: rest };
  },
};
