import path from 'node:path';
import { ADMIN_ROLE, permissionsFor, type Locale } from '@tessera/core';
import { connect } from '../../db/connect';
import { fsReader } from '../../metadata/fs-reader';
import { apply } from '../../migrator/apply';
import { appHooks } from '../../plugins/app-hooks';
import { PluginLoadError, PluginRegistry } from '../../plugins/plugin-registry';
import { counted } from '../../migrator/ddl';
import { formatPlan } from '../../migrator/format-plan';
import { planSeed, type SeedContext } from '../../seed/plan-seed';
import { formatSeedProblem, type SeedProblem } from '../../seed/seed-problem';
import { writeSeed } from '../../seed/write-seed';
import { loadAppOrReport } from '../app-input';
import { EXIT, type Command, type CommandIo } from '../command';
import { databaseTarget } from '../database-target';
import { readLocale } from '../locale';

const DETAILS = `Seed files are JSON files in the seed/ folder of the app and of each plugin it uses (plugins first):
  {"entity": "company", "records": [{"id": "<uuid>", "name": "Acme"}, ...]}
Each record is a create body of the REST API plus an "id" (a UUID of your choice): records are validated as the API
validates them, except that read-only fields (a status a process sets) may be given; a lookup may hold the id of
another seed record (in any file), and records are inserted in the order their lookups need. "$owner": "<e-mail>"
makes a user the owner, and a user field may name one as {"$user": "<e-mail>"}. A record whose id exists is skipped, so seeding again creates nothing twice. Everything is written
in one transaction: any invalid record writes nothing. Safe migrations are applied first, as tessera start does.
Plugins' write hooks run on each record (derived values such as totals); processes are not started.`;

/** `tessera seed`: loads the seed data of the app and its plugins into the database, once. */
export const seedCommand: Command = {
  name: 'seed',
  summary: 'Load the app\'s seed data (seed/*.json) into the database, skipping records that exist',
  usage: 'tessera seed [--app DIR] [--data DIR] [--locale en|zh-CN]',
  details: DETAILS,
  options: { app: { type: 'string', default: '.' }, data: { type: 'string' }, locale: { type: 'string', default: 'en' } },
  async run(values, _positionals, io) {
    const locale = readLocale(values, io);
    if (!locale) return EXIT.usage;
    const zh = locale === 'zh-CN';
    const appDir = path.resolve(String(values.app));
    const reader = fsReader(appDir);
    const app = await loadAppOrReport(reader, locale, io, { en: 'nothing was seeded', 'zh-CN': '未导入种子数据' });
    if (!app) return EXIT.invalid;
    let plugins: PluginRegistry;
    try {
      plugins = PluginRegistry.load(app, appDir);
    } catch (error) {
      if (!(error instanceof PluginLoadError)) throw error;
      io.err(zh ? `未导入种子数据：${error.message}` : `Nothing was seeded: ${error.message}`);
      return EXIT.invalid;
    }
    const hooks = appHooks(app, undefined, plugins);
    const data = values.data === undefined ? undefined : String(values.data);
    const db = await connect(databaseTarget(appDir, data));
    // Migrated, planned and written in one transaction: rules and owners read the migrated tables, and a refused seed
    // (or none at all) leaves the database exactly as it was, tables included.
    const said: Array<() => void> = [];
    let code: number = EXIT.ok;
    try {
      await db.knex.transaction(async (trx) => {
        const now = new Date();
        const ctx: SeedContext = {
          db: trx, app, permissions: permissionsFor(app, [ADMIN_ROLE]), userId: null, locale, values: { now, today: now.toISOString().slice(0, 10) }, duplicates: 'skip', ...(hooks ? { hooks } : {}),
        };
        const stop = (exit: number, say: () => void): never => {
          code = exit;
          said.push(say);
          throw ROLLBACK;
        };
        const migration = await apply(trx, app);
        if (migration.status === 'refused') {
          return stop(EXIT.invalid, () => {
            io.err(formatPlan(migration.plan, locale));
            const command = `tessera migrate --app ${String(values.app)}${data ? ` --data ${data}` : ''}${migration.reason === 'destructive' ? ' --allow-destructive' : ''}`;
            io.err(zh ? `\n未导入：数据库需要先迁移，而此迁移${migration.reason === 'blocked' ? '受现有数据阻碍' : '包含破坏性步骤'}。未做任何更改。请检查后运行：\n  ${command}`
              : `\nNot seeded: the database needs a migration that ${migration.reason === 'blocked' ? 'is blocked by the data' : 'has destructive steps'}. Nothing was changed. Review it, then run:\n  ${command}`);
          });
        }
        const planned = await planSeed(reader, ctx);
        if (!planned.ok) return stop(EXIT.invalid, () => refuse(planned.problems, locale, io));
        if (!planned.files.length) return stop(EXIT.ok, () => io.out(zh ? `${app.name} 没有种子数据文件（seed/*.json）。` : `${app.name} has no seed files (seed/*.json).`));
        const written = await writeSeed(ctx, planned.records);
        if (!written.ok) return stop(EXIT.invalid, () => refuse(written.problems, locale, io));
        if (migration.status === 'applied') said.push(() => io.out(zh ? `已迁移数据库（${migration.plan.steps.length} 步）。` : `Migrated the database (${counted(migration.plan.steps.length, 'step')}).`));
        said.push(() => {
          io.out(zh ? `已从 ${planned.files.length} 个文件导入 ${app.name} 的种子数据（已存在的记录跳过）：` : `Seeded ${app.name} from ${counted(planned.files.length, 'file')} (records that exist are skipped):`);
          for (const c of written.counts) io.out(zh ? `  ${c.entity}：新建 ${c.created} 条，跳过 ${c.skipped} 条` : `  ${c.entity}: ${c.created} created, ${c.skipped} skipped`);
        });
      });
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    } finally {
      await db.close();
    }
    for (const say of said) say();
    return code;
  },
};

const ROLLBACK = Symbol('rollback');

function refuse(problems: readonly SeedProblem[], locale: Locale, io: CommandIo): number {
  for (const problem of problems) io.err(formatSeedProblem(problem));
  io.err(locale === 'zh-CN' ? `\n种子数据无效，未写入任何数据（${problems.length} 个问题）` : `\nthe seed data is invalid; nothing was written (${counted(problems.length, 'problem')})`);
  return EXIT.invalid;
}
