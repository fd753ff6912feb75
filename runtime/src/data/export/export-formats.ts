import { Registry } from '@tessera/core';
import { csvFormat } from './csv-writer';
import type { ExportFormat } from './export-format';
import { xlsxFormat } from './xlsx-writer';

/** The formats records export to; a format is one entry here. */
const FORMATS = { csv: csvFormat, xlsx: xlsxFormat } satisfies Record<string, ExportFormat>;

/** The name of an export format (the `format` parameter, the --format option). */
export type ExportFormatName = keyof typeof FORMATS;

/** The export formats, by name. */
export const exportFormats = new Registry<ExportFormatName, ExportFormat>('export format', Object.entries(FORMATS) as [ExportFormatName, ExportFormat][]);

/** The format used when none is asked for. */
export const DEFAULT_EXPORT_FORMAT: ExportFormatName = 'csv';
