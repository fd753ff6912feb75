import { Registry, type ImportFormat } from '@tessera/core';
import { csvReader } from './csv-reader';
import { jsonlReader } from './jsonl-reader';
import type { ImportReader } from './source-line';
import { xlsxReader } from './xlsx-reader';

export * from './source-line';

/** The import readers, by format. */
export const importReaders = new Registry<ImportFormat, ImportReader>('import format', [csvReader, xlsxReader, jsonlReader].map((r) => [r.format, r] as const));
