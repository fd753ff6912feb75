import type { ImportFormat } from '@tessera/core';

/** One line of an import file: its number as a spreadsheet shows it (the header is line 1), and its cells as text. */
export interface SourceLine {
  readonly line: number;
  readonly cells: readonly string[];
}

/** A file opened for import: its header, then its lines, read as they are needed. */
export interface SourceFile {
  readonly headers: readonly string[];
  readonly lines: AsyncIterable<SourceLine>;
}

/** A problem reading a file: it is not what its format says (kept apart from the program's own errors). */
export class SourceError extends Error {
  constructor(readonly format: ImportFormat, reason: string) {
    super(reason);
  }
}

/** Reads one format; `onBytes` is told how many bytes of the file have been read so far, for progress. */
export interface ImportReader {
  readonly format: ImportFormat;
  open(path: string, onBytes: (bytes: number) => void): Promise<SourceFile>;
}

/** Answers the first item of an iterator and an iterable over the rest (the header, then the lines). */
export async function splitFirst<T>(items: AsyncIterable<T>): Promise<{ first: T | undefined; rest: AsyncIterable<T> }> {
  const it = items[Symbol.asyncIterator]();
  const head = await it.next();
  return { first: head.done ? undefined : head.value, rest: { [Symbol.asyncIterator]: () => it } };
}
