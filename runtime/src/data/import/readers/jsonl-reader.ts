import { createInterface } from 'node:readline';
import { SourceError, type ImportReader, type SourceLine } from './source-line';
import { textInput } from './text-input';

/** A JSON value as a cell's text: lists joined as a multi-value cell is written, objects as JSON. */
const cellText = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value
    : Array.isArray(value) ? value.map(String).join('; ') : typeof value === 'object' ? JSON.stringify(value) : String(value);

/**
 * JSON lines: one object per line, its keys the columns. The first object's keys are the header; a later line with a
 * key the header lacks is refused rather than losing the value.
 */
export const jsonlReader: ImportReader = {
  format: 'jsonl',
  async open(path, onBytes) {
    const { text } = await textInput(path, onBytes);
    const it = createInterface({ input: text, crlfDelay: Infinity })[Symbol.asyncIterator]();
    let number = 0;
    const next = async (): Promise<{ line: number; value: Record<string, unknown> } | undefined> => {
      for (let r = await it.next(); !r.done; r = await it.next()) {
        number++;
        if (r.value.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(r.value.replace(/^\uFEFF/, ''));
        } catch (error) {
          throw new SourceError('jsonl', `line ${number}: ${(error as Error).message}`);
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SourceError('jsonl', `line ${number}: not a JSON object`);
        return { line: number, value: value as Record<string, unknown> };
      }
      return undefined;
    };
    const first = await next();
    const headers = Object.keys(first?.value ?? {});
    async function* lines(): AsyncGenerator<SourceLine> {
      for (let item = first; item; item = await next()) {
        const extra = Object.keys(item.value).find((k) => !headers.includes(k));
        if (extra !== undefined) throw new SourceError('jsonl', `line ${item.line}: key "${extra}" is not in the first line's keys`);
        yield { line: item.line, cells: headers.map((h) => cellText(item.value[h])) };
      }
    }
    return { headers, lines: lines() };
  },
};
