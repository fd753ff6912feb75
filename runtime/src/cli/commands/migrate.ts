import path from 'node:path';
import { type Locale } from '@tessera/core';
import { connect } from '../../db/connect';
import { databaseTarget } from '../database-target';
import { fsReader } from '../../metadata/fs-reader';
import { apply, type ApplyResult } from '../../migrator/apply';
import { counted } from '../../migrator/ddl';
import { formatPlan } from '../../migrator/format-plan';
import { blockedSteps, destructiveSteps, plan } from '../../migrator/plan';
import { readLocale } from '../locale';
import { loadAppOrReport } from '../app-input';
import { EXIT, type Command, type CommandIo } from '../command';

const quoteArg = (arg: string) => (/^[\w./:@=-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** `tessera migrate`: plans the migration of the database to the app's metadata, prints it, and applies safe plans. */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Show (--dry-run) or apply the migration of the database to the app\'s metadata',
  usage: 'tessera migrate [--app DIR] [--data DIR] [--dry-run] [--allow-destructive] [--json] [--locale en|zh-CN]',
  options: {
    app: { type: 'string', default: '.' },
    data: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    'allow-destructive': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    locale: { type: 'string', default: 'en' },
  },
  async run(values, _positionals, io) {
    const locale = readLocale(values, io);
    if (!locale) return EXIT.usage;
    const appDir = path.resolve(String(values.app));
    const app = await loadAppOrReport(fsReader(appDir), locale, io, { en: 'nothing was migrated', 'zh-CN': '未迁移' });
    if (!app) return EXIT.invalid;
    const data = values.data === undefined ? undefined : String(values.data);
    const db = await connect(databaseTarget(appDir, data));
    try {
      if (values['dry-run']) {
        const planned = await plan(db.knex, app);
        io.out(values.json ? JSON.stringify(planned, null, 2) : formatPlan(planned, locale));
        return EXIT.ok;
      }
      const result = await apply(db.knex, app, { allowDestructive: values['allow-destructive'] === true });
      const command = ['tessera', 'migrate', '--app', quoteArg(String(values.app)), ...(data === undefined ? [] : ['--data', quoteArg(data)]), '--allow-destructive'].join(' ');
      return report(result, { json: values.json === true, locale, command }, io);
    } finally {
      await db.close();
    }
  },
};

function report(result: ApplyResult, options: { json: boolean; locale: Locale; command: string }, io: CommandIo): number {
  const { json, locale, command } = options;
  const zh = locale === 'zh-CN';
  if (json) {
    io.out(JSON.stringify({ ...result, ...(result.status === 'refused' && result.reason === 'destructive' ? { command } : {}) }, null, 2));
    return result.status === 'refused' ? EXIT.invalid : EXIT.ok;
  }
  io.out(formatPlan(result.plan, locale));
  if (result.status === 'applied') io.out(zh ? `\n已应用 ${result.plan.steps.length} 步（历史记录 #${result.historyId}）。` : `\nApplied ${counted(result.plan.steps.length, 'step')} (history #${result.historyId}).`);
  if (result.status !== 'refused') return EXIT.ok;
  if (result.reason === 'blocked') {
    const n = blockedSteps(result.plan).length;
    io.err(zh ? `\n已拒绝：${n} 步因现有数据受阻（见上方“受阻”），请先修正数据。未做任何更改。` : `\nRefused: ${n} step${n === 1 ? ' is' : 's are'} blocked by the data (see BLOCKED above); fix the data first. Nothing was changed.`);
    return EXIT.invalid;
  }
  const n = destructiveSteps(result.plan).length;
  io.err(zh
    ? `\n已拒绝：${n} 步为破坏性操作，未做任何更改。数据会先归档、可以恢复。要执行这些步骤，请运行：\n  ${command}`
    : `\nRefused: ${n} destructive step${n === 1 ? '' : 's'}; nothing was changed. Their data is archived first and can be restored. To apply them, run:\n  ${command}`);
  return EXIT.invalid;
}
