import { createRequire } from 'node:module';
import type * as ExcelJS from 'exceljs';

let loaded: typeof ExcelJS | undefined;

/**
 * exceljs, loaded when a spreadsheet is first read or written: loading it takes about a quarter of a second, which
 * every start of the server and the CLI would otherwise pay for a feature most requests never use.
 */
export const exceljs = (): typeof ExcelJS => (loaded ??= createRequire(__filename)('exceljs') as typeof ExcelJS);
