import { formatIssue, type Locale } from '@tessera/core';
import { at, counted } from '../../migrator/ddl';
import { formatPlan } from '../../migrator/format-plan';
import type { ArchiveRecord } from '../../migrator/archive';
import type { Conflict } from '../../plugins/lifecycle/conflicts';
import type { FollowedRename } from '../../plugins/lifecycle/customizations';
import type { LifecycleOutcome } from '../../plugins/lifecycle/outcome';
import { renderProblem, type PluginLifecycleError } from '../../plugins/lifecycle/problems';
import { EXIT, type CommandIo } from '../command';

type O = LifecycleOutcome;
const archived = (a: ArchiveRecord) => `${at(a.sourceTable, a.sourceColumn)} (#${a.id}, ${a.rows})`;

const WORDS = {
  en: {
    heading: (o: O) => ({
      install: `Installing ${o.plugin} ${o.version}${o.source ? ` from ${o.source}` : ''}`,
      upgrade: `Upgrading ${o.plugin} ${o.previous ?? '?'} -> ${o.version}${o.source ? ` from ${o.source}` : ''}`,
      remove: `Removing ${o.plugin}${o.version ? ` ${o.version}` : ''}`,
    })[o.action],
    renames: 'Customizations follow the renames of the new version (paths only; every value is kept):',
    moved: (r: FollowedRename) => `  ${r.file} ${r.path}: ${r.from} -> ${r.to}`,
    conflicts: (n: number) => `${counted(n, 'customization')} touch${n === 1 ? 'es' : ''} what the new version changed; each stays on top of it, nothing is overwritten:`,
    change: { changed: 'changed', removed: 'removed', added: 'now also defines' } satisfies Record<Conflict['change'], string>,
    conflict: (c: Conflict, change: string) => `  ${c.file} ${c.path}: the new version ${change} ${c.kind} "${c.name}" ${c.at || '/'}`,
    migrations: (files: string) => `Data migrations, run in the migration's transaction after its steps: ${files}`,
    restores: (o: O, list: string) => `Restores what the removal of ${o.plugin} ${o.restores!.removed!.version} archived (table or column, archive, rows): ${list}`,
    kept: (list: string) => `Kept in the archive, since this version has no place for it (restore it later with the migrator): ${list}`,
    archivedDrops: (o: O) => `Every dropped table and column is archived first (tessera_archives); installing ${o.plugin} again restores them.`,
    dryRun: 'Dry run: nothing was changed.',
    confirm: 'Nothing was changed: run again with --yes to apply this plan.',
    refused: 'Refused; nothing was changed: the files and the database are as they were.',
    applied: (o: O) => ({
      install: `${o.plugin} ${o.version} is installed`,
      upgrade: `${o.plugin} is upgraded from ${o.previous} to ${o.version}`,
      remove: `${o.plugin} ${o.version} is removed; its folder is kept as ${o.keptAt}`,
    })[o.action] + (o.historyId === undefined ? '.' : ` (migration history #${o.historyId}).`),
  },
  'zh-CN': {
    heading: (o: O) => ({
      install: `安装 ${o.plugin} ${o.version}${o.source ? `（来自 ${o.source}）` : ''}`,
      upgrade: `升级 ${o.plugin} ${o.previous ?? '?'} -> ${o.version}${o.source ? `（来自 ${o.source}）` : ''}`,
      remove: `移除 ${o.plugin}${o.version ? ` ${o.version}` : ''}`,
    })[o.action],
    renames: '定制随新版本的重命名调整（只改路径，所有值保持不变）：',
    moved: (r: FollowedRename) => `  ${r.file} ${r.path}：${r.from} -> ${r.to}`,
    conflicts: (n: number) => `${n} 处定制涉及新版本改动的内容；定制仍覆盖在新版本之上，不会被覆盖：`,
    change: { changed: '修改了', removed: '删除了', added: '也定义了' } satisfies Record<Conflict['change'], string>,
    conflict: (c: Conflict, change: string) => `  ${c.file} ${c.path}：新版本${change} ${c.kind} "${c.name}" 的 ${c.at || '/'}`,
    migrations: (files: string) => `数据迁移（在同一事务中、结构迁移之后执行）：${files}`,
    restores: (o: O, list: string) => `恢复移除 ${o.plugin} ${o.restores!.removed!.version} 时归档的数据（表或列、归档号、行数）：${list}`,
    kept: (list: string) => `保留在归档中（此版本没有对应的表或列，可稍后用迁移器恢复）：${list}`,
    archivedDrops: (o: O) => `删除的每个表和列都会先归档（tessera_archives）；再次安装 ${o.plugin} 时会恢复。`,
    dryRun: '试运行：未做任何更改。',
    confirm: '未做任何更改：加上 --yes 再次运行以应用此计划。',
    refused: '已拒绝，未做任何更改：文件和数据库保持原样。',
    applied: (o: O) => ({
      install: `已安装 ${o.plugin} ${o.version}`,
      upgrade: `已将 ${o.plugin} 从 ${o.previous} 升级到 ${o.version}`,
      remove: `已移除 ${o.plugin} ${o.version}；其文件夹保留为 ${o.keptAt}`,
    })[o.action] + (o.historyId === undefined ? '。' : `（迁移历史 #${o.historyId}）。`),
  },
} as const;

/** Prints why a step was refused before anything was planned (a bad archive, a missing app), and answers exit 1. */
export function printRefusal(error: PluginLifecycleError, locale: Locale, io: CommandIo): number {
  for (const item of error.issues) io.err(formatIssue(item, locale));
  for (const p of error.problems) io.err(renderProblem(p, locale));
  io.err(`\n${WORDS[locale].refused}`);
  return EXIT.invalid;
}

/** Prints what an install, upgrade or removal did or would do, and answers the exit code. */
export function printOutcome(o: LifecycleOutcome, options: { locale: Locale; dryRun: boolean }, io: CommandIo): number {
  const w = WORDS[options.locale];
  io.out(w.heading(o));
  if (o.renames.length) io.out([w.renames, ...o.renames.map(w.moved)].join('\n'));
  if (o.conflicts.length) io.out([w.conflicts(o.conflicts.length), ...o.conflicts.map((c) => w.conflict(c, w.change[c.change]))].join('\n'));
  if (o.plan) io.out(`\n${formatPlan(o.plan, options.locale)}\n`);
  if (o.plan && o.action === 'remove') io.out(w.archivedDrops(o));
  if (o.migrations.length) io.out(w.migrations(o.migrations.map((m) => m.file).join(', ')));
  if (o.restores?.restore.length) io.out(w.restores(o, o.restores.restore.map(archived).join(', ')));
  if (o.restores?.kept.length) io.out(w.kept(o.restores.kept.map(archived).join(', ')));
  if (o.status === 'refused') {
    for (const item of o.issues) io.err(formatIssue(item, options.locale));
    for (const p of o.problems) io.err(renderProblem(p, options.locale));
    io.err(`\n${w.refused}`);
    return EXIT.invalid;
  }
  io.out(o.status === 'applied' ? w.applied(o) : options.dryRun ? w.dryRun : w.confirm);
  return EXIT.ok;
}
