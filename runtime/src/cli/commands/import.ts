import path from 'node:path';
import { ADMIN_ROLE, formatIssue, IMPORT_FORMATS, parseImportOptions, permissionsFor, type AppModel, type Issue, type Locale } from '@tessera/core';
import { connect } from '../../db/connect';
import { importRecords, type ImportReport } from '../../data/import';
import { fsReader } from '../../metadata/fs-reader';
import { apply } from '../../migrator/apply';
import { counted } from '../../migrator/ddl';
import { formatPlan } from '../../migrator/format-plan';
import { ensureHistoryTable } from '../../records/history';
import { ProcessRuntime } from '../../process/process-runtime';
import pino from 'pino';
import { entityOrReport, loadAppOrReport } from '../app-input';
import { EXIT, type Command, type CommandIo } from '../command';
import { databaseTarget } from '../database-target';
import { readLocale } from '../locale';
import { importProgress } from '../progress-bar';
import { appHooks } from '../../plugins/app-hooks';
import { PluginRegistry } from '../../plugins/plugin-registry';

const DETAILS = `Reads a CSV (UTF-8 or GB18030; comma, semicolon or tab), XLSX (first sheet) or JSON-lines file whose first line
names the columns: a field's name or its label in any language ("Account", "客户"), or "field.otherField" to name a
lookup's record by another of its fields ("account.code"). Cells are read as the field's type reads them (numbers with
thousands separators, picklist labels, dates). --mode upsert updates the record whose --key (id, or fields unique
together) matches a line, and writes nothing for lines that change nothing, so a file can be imported again.
--on-error rollback (the default) writes nothing if any line is refused; skip writes the other lines. Every refused
line is reported with its number, column and reason. Safe migrations are applied first, as tessera start does.`;

const MAX_SHOWN = 50;

/** `tessera import`: imports a file into an entity as an administrator, with a progress bar and a line-by-line report. */
export const importCommand: Command = {
  name: 'import',
  summary: 'Import a CSV, XLSX or JSON-lines file into an entity (insert or upsert)',
  usage: 'tessera import --entity NAME FILE [--app DIR] [--data DIR] [--format csv|xlsx|jsonl] [--mode insert|upsert] [--key FIELDS] [--on-error rollback|skip] [--mapping JSON] [--locale en|zh-CN]',
  details: DETAILS,
  options: {
    entity: { type: 'string' }, app: { type: 'string', default: '.' }, data: { type: 'string' }, format: { type: 'string' }, mode: { type: 'string' },
    key: { type: 'string' }, 'on-error': { type: 'string' }, mapping: { type: 'string' }, locale: { type: 'string', default: 'en' },
  },
  async run(values, positionals, io) {
    const locale = readLocale(values, io);
    if (!locale) return EXIT.usage;
    const file = positionals[0];
    if (values.entity === undefined || file === undefined || positionals.length > 1) {
      io.err(`tessera import: ${values.entity === undefined ? '--entity NAME is required' : 'give exactly one FILE'}\nusage: ${importCommand.usage}`);
      return EXIT.usage;
    }
    const zh = locale === 'zh-CN';
    const appDir = path.resolve(String(values.app));
    const app = await loadAppOrReport(fsReader(appDir), locale, io, { en: 'nothing was imported', 'zh-CN': '未导入' });
    const entity = app && entityOrReport(app, String(values.entity), locale, io);
    if (!app || !entity) return EXIT.invalid;
    const flags: Record<string, unknown> = { format: values.format ?? formatOf(file), mode: values.mode, key: values.key, onError: values['on-error'], mapping: values.mapping };
    const parsed = parseImportOptions(entity, { get: (name) => (flags[name] === undefined ? null : String(flags[name])) });
    if (!parsed.ok) {
      for (const item of parsed.issues) io.err(formatIssue({ ...item, file: `--${item.path.slice(1).replace('onError', 'on-error')}`, path: '' } as Issue, locale));
      return EXIT.usage;
    }
    const data = values.data === undefined ? undefined : String(values.data);
    const db = await connect(databaseTarget(appDir, data));
    try {
      const migration = await apply(db.knex, app);
      if (migration.status === 'refused') {
        io.err(formatPlan(migration.plan, locale));
        io.err(zh ? '\n未导入：数据库需要先迁移（tessera migrate）。未做任何更改。' : '\nNot imported: the database needs a migration first (tessera migrate). Nothing was changed.');
        return EXIT.invalid;
      }
      await ensureHistoryTable(db.knex);
      // Imported records start processes and lock checks as any write does; the server delivers what they queue.
      const processes = await ProcessRuntime.create(app, db, pino({ level: 'warn' }, process.stderr));
      const now = new Date();
      const permissions = permissionsFor(app, [ADMIN_ROLE]);
      const progress = importProgress(io, locale);
      try {
        const report = await importRecords({
          ctx: { db: db.knex, app: app, permissions, userId: null, locale, values: { now, today: now.toISOString().slice(0, 10) }, ...hooksOf(app, appDir, processes) },
          entity, options: parsed.options, file: path.resolve(file), onProgress: progress.update,
        });
        progress.stop();
        return summarize(report, entity.name, locale, io);
      } finally {
        progress.stop();
        await processes.stop();
      }
    } finally {
      await db.close();
    }
  },
};

/** The hooks an import's writes run: the process engine's and the plugins' code, as in the server. */
function hooksOf(app: AppModel, appDir: string, processes: ProcessRuntime) {
  const hooks = appHooks(app, processes.hooks, PluginRegistry.load(app, appDir));
  return hooks ? { hooks } : {};
}

/** The format a file's extension says (csv when it says nothing known). */
const formatOf = (file: string) => IMPORT_FORMATS.find((f) => file.toLowerCase().endsWith(`.${f}`)) ?? (file.toLowerCase().endsWith('.ndjson') ? 'jsonl' : 'csv');

function summarize(report: ImportReport, entity: string, locale: Locale, io: CommandIo): number {
  const zh = locale === 'zh-CN';
  for (const e of report.errors.slice(0, MAX_SHOWN)) io.err(zh ? `第 ${e.line} 行${e.column ? `，列 "${e.column}"` : ''}：${e.message}` : `line ${e.line}${e.column ? `, column "${e.column}"` : ''}: ${e.message}`);
  if (report.failed > MAX_SHOWN || report.errorsTruncated) io.err(zh ? `……共 ${report.failed} 行被拒绝` : `... ${report.failed} lines refused in all`);
  for (const c of report.ignoredColumns) io.err(zh ? `已忽略列 "${c.header}"（${c.reason === 'readOnly' ? '只读字段' : c.reason === 'unknown' ? '未知字段' : '按映射忽略'}）` : `column "${c.header}" ignored (${c.reason === 'readOnly' ? 'a read-only field' : c.reason === 'unknown' ? 'no such field' : 'mapped to nothing'})`);
  if (!report.written) {
    io.err(zh ? `\n未导入 ${entity}：${report.failed} 行被拒绝，未写入任何数据。` : `\n${entity} not imported: ${counted(report.failed, 'line')} refused, nothing was written.`);
    return EXIT.invalid;
  }
  io.out(zh ? `已导入 ${entity}：读取 ${report.lines} 行，新建 ${report.inserted}，更新 ${report.updated}，未变 ${report.unchanged}，拒绝 ${report.failed}。`
    : `Imported ${entity}: ${counted(report.lines, 'line')} read, ${report.inserted} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failed} refused.`);
  return report.failed ? EXIT.invalid : EXIT.ok;
}

