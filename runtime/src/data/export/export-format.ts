import type { ExportValue } from '@tessera/core';
import type { Writable } from 'node:stream';

/** One row of an export file: a cell per column, null for an empty one. */
export type ExportRow = readonly (ExportValue | null)[];

/** A file format records export to: how it is served and how rows become its bytes. */
export interface ExportFormat {
  /** The Content-Type of the file. */
  readonly contentType: string;
  /** The file name's extension, without the dot. */
  readonly extension: string;
  /**
   * Writes the rows (the header row first) to `out` as they come, no faster than `out` takes them, and ends it.
   * When reading a row fails, `out` is destroyed rather than ended, so a cut-short file never passes for a whole one.
   */
  write(rows: AsyncIterable<ExportRow>, out: Writable, title: string): Promise<void>;
}
