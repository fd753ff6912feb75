import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ADMIN_ROLE, formatIssue, permissionsFor, type Locale, type LocalIssue } from '@tessera/core';
import { connect } from '../../db/connect';
import { prepareExport } from '../../data/export/export-records';
import { exportFormats } from '../../data/export/export-formats';
import { parseExportRequest } from '../../data/export/export-request';
import { fsReader } from '../../metadata/fs-reader';
import { counted } from '../../migrator/ddl';
import { plan } from '../../migrator/plan';
import { accessScope } from '../../records/scope';
import { entityOrReport, loadAppOrReport } from '../app-input';
import { EXIT, type Command } from '../command';
import { databaseTarget } from '../database-target';
import { readLocale } from '../locale';

const DETAILS = `Writes every record of the entity (or those --filter matches, a list's JSON condition such as {"stage":"won"})
as GET /api/records/<entity>/export answers an administrator: the id first, then each field (never a write-only one
such as a password) with its label in the --locale language as the header. Values are what an import reads back:
numbers as plain decimals, true/false, dates as YYYY-MM-DD, instants in ISO 8601 UTC, picklist labels, lookups as
record ids, JSON as text. CSV is UTF-8 with a byte order mark. Without --out the file goes to stdout. The database
must be migrated to the app's metadata first (tessera migrate).`;

const fileIssue = (issue: LocalIssue, locale: Locale): string =>
  formatIssue({ ...issue, file: '--filter', path: issue.path.replace(/^\/query\/filter/, '') }, locale);

/** `tessera export-data`: writes an entity's records as a CSV or XLSX file, streamed, as an administrator sees them. */
export const exportDataCommand: Command = {
  name: 'export-data',
  summary: 'Export the records of an entity as CSV or XLSX',
  usage: 'tessera export-data --entity NAME [--app DIR] [--data DIR] [--format csv|xlsx] [--out FILE] [--filter JSON] [--locale en|zh-CN]',
  details: DETAILS,
  options: {
    entity: { type: 'string' }, app: { type: 'string', default: '.' }, data: { type: 'string' }, format: { type: 'string', default: 'csv' },
    out: { type: 'string' }, filter: { type: 'string' }, locale: { type: 'string', default: 'en' },
  },
  async run(values, _positionals, io) {
    const locale = readLocale(values, io);
    if (!locale) return EXIT.usage;
    const format = String(values.format);
    if (values.entity === undefined || !exportFormats.has(format)) {
      io.err(`tessera export-data: ${values.entity === undefined ? '--entity NAME is required' : `unknown format "${format}": use ${exportFormats.keys().join(' or ')}`}\nusage: ${exportDataCommand.usage}`);
      return EXIT.usage;
    }
    const zh = locale === 'zh-CN';
    const appDir = path.resolve(String(values.app));
    const app = await loadAppOrReport(fsReader(appDir), locale, io, { en: 'nothing was exported', 'zh-CN': '未导出' });
    if (!app || !entityOrReport(app, String(values.entity), locale, io)) return EXIT.invalid;
    const entity = String(values.entity);
    const params = new URLSearchParams({ format, locale, ...(values.filter === undefined ? {} : { filter: String(values.filter) }) });
    const parsed = parseExportRequest(app, entity, params, locale);
    if (!parsed.ok) {
      for (const issue of parsed.issues) io.err(fileIssue(issue, locale));
      io.err(zh ? '\n过滤条件无效，未导出' : '\nthe filter is not valid; nothing was exported');
      return EXIT.invalid;
    }
    const db = await connect(databaseTarget(appDir, values.data === undefined ? undefined : String(values.data)));
    try {
      if ((await plan(db.knex, app)).steps.length) {
        io.err(zh ? '数据库与元数据不一致，未导出。请先运行 tessera migrate。' : 'The database is not migrated to the app\'s metadata; nothing was exported. Run tessera migrate first.');
        return EXIT.invalid;
      }
      // An administrator reads every row and field (write-only fields aside, which no export holds).
      const permissions = permissionsFor(app, [ADMIN_ROLE]);
      const now = new Date();
      const exported = await prepareExport({
        db: db.knex, app: permissions.model, request: parsed.request,
        options: { values: { now, today: now.toISOString().slice(0, 10) }, scopeOf: (name) => accessScope(name, permissions.access('read', name)) },
      });
      if (values.out === undefined) {
        // Through a stream of its own: the export ends what it writes to, and stdout must stay open for the process.
        const file = new PassThrough();
        await Promise.all([exported.writeTo(file), pipeline(file, process.stdout, { end: false })]);
        return EXIT.ok;
      }
      const file = path.resolve(String(values.out));
      // A file cut short by a failing read is removed rather than left looking like a whole export.
      const records = await exported.writeTo(createWriteStream(file)).catch(async (error: unknown) => {
        await rm(file, { force: true });
        throw error;
      });
      io.out(zh ? `已将 ${records} 条 ${entity} 记录导出到 ${file}` : `Exported ${counted(records, `${entity} record`)} to ${file}`);
      return EXIT.ok;
    } finally {
      await db.close();
    }
  },
};
