import { issue, type Issue } from '../errors/issue';

/** Parses a metadata file's JSON; a syntax error becomes an issue naming the line and column. */
export function parseJson(text: string, file: string): { ok: true; data: unknown } | { ok: false; issue: Issue } {
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch (error) {
    const reason = (error as Error).message;
    const at = /position (\d+)/.exec(reason);
    const where = at ? lineColumn(text, Number(at[1])) : undefined;
    const detail = reason.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '');
    return { ok: false, issue: issue('json.syntax', { file, path: '' }, { reason: where ? `${detail} at line ${where.line}, column ${where.column}` : detail }) };
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
