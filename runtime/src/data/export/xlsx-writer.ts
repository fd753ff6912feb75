import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exceljs } from '../exceljs';
import type { ExportFormat, ExportRow } from './export-format';

// Excel refuses these characters in a sheet name, and names longer than 31 characters.
const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/g;
const SHEET_NAME_MAX = 31;

/** Resolves once a stream can take more, or has closed (its reader went away): never waits forever. */
const drained = (stream: Writable): Promise<void> => new Promise((resolve) => {
  const done = () => {
    stream.off('drain', done).off('close', done);
    resolve();
  };
  stream.on('drain', done).on('close', done);
});

/**
 * Writes the rows into one worksheet through exceljs's streaming writer: each row is committed (turned into XML and
 * let go) as it is added, and rows are added only while the zip output is not backed up, so memory holds a few
 * buffers, not the sheet. Strings are inline (no shared-strings table to keep) and numbers are numeric cells.
 */
async function writeXlsx(rows: AsyncIterable<ExportRow>, out: Writable, title: string): Promise<void> {
  const zip = new PassThrough();
  const workbook = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: zip, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(title.replace(SHEET_NAME_FORBIDDEN, ' ').slice(0, SHEET_NAME_MAX).trim() || 'Sheet1');
  const fill = async () => {
    for await (const row of rows) {
      sheet.addRow(row.map((cell) => cell ?? undefined)).commit();
      if (zip.writableNeedDrain) await drained(zip);
      if (zip.destroyed) return;
    }
    sheet.commit();
    await workbook.commit();
  };
  const filled = fill().catch((error: unknown) => {
    zip.destroy(error as Error);
  });
  await Promise.all([filled, pipeline(zip, out)]);
}

/** Excel's workbook format (Office Open XML), one worksheet. */
export const xlsxFormat: ExportFormat = {
  contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  extension: 'xlsx',
  write: writeXlsx,
};
