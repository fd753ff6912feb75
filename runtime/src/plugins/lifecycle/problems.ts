import type { Issue, Locale } from '@tessera/core';

type Params = Readonly<Record<string, string | number>>;
type Text = (p: Params) => string;

/** How an archive's file differs from MANIFEST.json (archive.tampered's "what"). */
const MISMATCH: Record<string, Record<Locale, string>> = {
  twice: { en: 'it is in the archive twice', 'zh-CN': '在归档中出现两次' },
  missing: { en: 'listed, but missing', 'zh-CN': '已列出但缺失' },
  size: { en: 'its size differs', 'zh-CN': '大小不符' },
  sha256: { en: 'its sha256 differs', 'zh-CN': 'sha256 不符' },
  unlisted: { en: 'not listed', 'zh-CN': '未列出' },
};

/** What is wrong with MANIFEST.json itself (archive.manifest's "reason"). */
const LISTING: Record<string, Record<Locale, string>> = {
  missing: { en: 'is missing', 'zh-CN': '缺失' },
  json: { en: 'is not valid JSON', 'zh-CN': '不是有效的 JSON' },
  shape: {
    en: 'is not a format 1 listing ({"format": 1, "name", "version", "files": [{"path", "size", "sha256"}]})',
    'zh-CN': '不是第 1 版格式的清单（{"format": 1, "name", "version", "files": [{"path", "size", "sha256"}]}）',
  },
};

/** Why a plugin was not packed, installed, upgraded or removed: one entry per code, in every shipped language. */
const PROBLEMS = {
  'source.missing': {
    en: (p) => `${p.source} is not a plugin archive (.tgz), a plugin folder, or a plugin removed from this app (plugins/.removed/)`,
    'zh-CN': (p) => `${p.source} 不是插件归档（.tgz）、插件文件夹，也不是从本应用移除的插件（plugins/.removed/）`,
  },
  'source.unreadable': {
    en: (p) => `${p.source} is not a plugin archive: ${p.reason}`,
    'zh-CN': (p) => `${p.source} 不是插件归档：${p.reason}`,
  },
  'source.plugin': {
    en: (p) => `${p.source} holds no valid plugin.json (see the issues above)`,
    'zh-CN': (p) => `${p.source} 中没有有效的 plugin.json（见上方问题）`,
  },
  'archive.manifest': {
    en: (p) => `${p.source}: MANIFEST.json ${LISTING[String(p.reason)]!.en}`,
    'zh-CN': (p) => `${p.source}：MANIFEST.json ${LISTING[String(p.reason)]!['zh-CN']}`,
  },
  'archive.tampered': {
    en: (p) => `${p.source}: ${p.file} does not match MANIFEST.json (${MISMATCH[String(p.what)]!.en}): the archive changed after it was packed`,
    'zh-CN': (p) => `${p.source}：${p.file} 与 MANIFEST.json 不符（${MISMATCH[String(p.what)]!['zh-CN']}）：归档在打包后被改动过`,
  },
  'archive.path': {
    en: (p) => `${p.source}: "${p.file}" is not a safe path inside a plugin (absolute, "..", a dotfile or a backslash)`,
    'zh-CN': (p) => `${p.source}："${p.file}" 不是插件内的安全路径（绝对路径、".."、点文件或反斜杠）`,
  },
  'archive.identity': {
    en: (p) => `${p.source}: MANIFEST.json is for ${p.listed}, but plugin.json says ${p.actual}`,
    'zh-CN': (p) => `${p.source}：MANIFEST.json 属于 ${p.listed}，而 plugin.json 是 ${p.actual}`,
  },
  'pack.hooks': {
    en: (p) => `plugin.json names the hooks file ${p.file}, which is missing: build the plugin first`,
    'zh-CN': (p) => `plugin.json 指定的钩子文件 ${p.file} 不存在：请先构建插件`,
  },
  'pack.path': {
    en: (p) => `${p.file} is too long a path for a plugin archive (at most 100 bytes after a folder part of at most 155)`,
    'zh-CN': (p) => `${p.file} 的路径过长，无法放入插件归档（文件夹部分不超过 155 字节，其后不超过 100 字节）`,
  },
  'migration.name': {
    en: (p) => `${p.file}: a data migration is named after the plugin version it upgrades to (migrations/1.2.0.sql), at most ${p.version}`,
    'zh-CN': (p) => `${p.file}：数据迁移文件应以其升级到的插件版本命名（migrations/1.2.0.sql），且不高于 ${p.version}`,
  },
  'migration.failed': {
    en: (p) => `the data migration ${p.file} failed: ${p.reason}`,
    'zh-CN': (p) => `数据迁移 ${p.file} 失败：${p.reason}`,
  },
  'restore.failed': {
    en: (p) => `restoring archive #${p.archive} failed: ${p.reason}`,
    'zh-CN': (p) => `恢复归档 #${p.archive} 失败：${p.reason}`,
  },
  'app.missing': {
    en: (p) => `${p.dir} is not an app folder: it has no app.json (use --app DIR)`,
    'zh-CN': (p) => `${p.dir} 不是应用文件夹：其中没有 app.json（请用 --app DIR 指定）`,
  },
  'app.current': {
    en: () => 'the app does not load as it is (see the issues above); fix it first',
    'zh-CN': () => '应用当前无法加载（见上方问题），请先修正',
  },
  'app.invalid': {
    en: (p) => `with this change the app does not load (${p.count} issue${p.count === 1 ? '' : 's'} above)`,
    'zh-CN': (p) => `做此更改后应用无法加载（上方 ${p.count} 个问题）`,
  },
  'dependency.missing': {
    en: (p) => `${p.name} ${p.version} depends on ${p.dep} ${p.range}, which is not installed: install ${p.dep} first`,
    'zh-CN': (p) => `${p.name} ${p.version} 依赖 ${p.dep} ${p.range}，但它未安装：请先安装 ${p.dep}`,
  },
  'dependency.range': {
    en: (p) => `${p.name} ${p.version} depends on ${p.dep} ${p.range}, but ${p.dep} ${p.found} is installed`,
    'zh-CN': (p) => `${p.name} ${p.version} 依赖 ${p.dep} ${p.range}，但已安装的是 ${p.dep} ${p.found}`,
  },
  'install.installed': {
    en: (p) => `${p.name} ${p.version} is installed already: use tessera plugin upgrade`,
    'zh-CN': (p) => `${p.name} ${p.version} 已安装：请使用 tessera plugin upgrade`,
  },
  'plugin.notInstalled': {
    en: (p) => `${p.name} is not installed in this app${p.hint ? `: ${p.hint}` : ''}`,
    'zh-CN': (p) => `本应用未安装 ${p.name}${p.hint ? `：${p.hint}` : ''}`,
  },
  'plugin.elsewhere': {
    en: (p) => `${p.name} is loaded from ${p.dir}, not from ${p.expected}: these commands manage the plugins in the app's plugins/ folder`,
    'zh-CN': (p) => `${p.name} 从 ${p.dir} 加载，而非 ${p.expected}：这些命令只管理应用 plugins/ 文件夹中的插件`,
  },
  'upgrade.notNewer': {
    en: (p) => `${p.name} ${p.installed} is installed; ${p.version} is not newer`,
    'zh-CN': (p) => `已安装 ${p.name} ${p.installed}；${p.version} 不是更新的版本`,
  },
  'remove.dependedOn': {
    en: (p) => `${p.by} depends on ${p.name} (${p.range}): remove ${p.by} first`,
    'zh-CN': (p) => `${p.by} 依赖 ${p.name}（${p.range}）：请先移除 ${p.by}`,
  },
  'remove.customized': {
    en: (p) => `the app's own layer (${p.by}: its entities or customizations) extends or patches ${p.entity}, an entity of ${p.name}: take that out first, so no customization is lost`,
    'zh-CN': (p) => `应用自身的层（${p.by}：其实体或定制）扩展或修改了 ${p.name} 的实体 ${p.entity}：请先移除这些内容，以免丢失定制`,
  },
  'remove.extended': {
    en: (p) => `${p.by} extends ${p.entity}, an entity of ${p.name}`,
    'zh-CN': (p) => `${p.by} 扩展了 ${p.name} 的实体 ${p.entity}`,
  },
  'plan.blocked': {
    en: (p) => `${p.count} step${p.count === 1 ? ' is' : 's are'} blocked by the data (see BLOCKED above); fix the data first`,
    'zh-CN': (p) => `${p.count} 步因现有数据受阻（见上方“受阻”），请先修正数据`,
  },
  'plan.destructive': {
    en: (p) => `the migration has ${p.count} destructive step${p.count === 1 ? '' : 's'} (${p.steps}); a plugin install or upgrade applies only safe steps unless given --allow-destructive (the data is archived first and can be restored)`,
    'zh-CN': (p) => `迁移包含 ${p.count} 个破坏性步骤（${p.steps}）；除非指定 --allow-destructive（数据会先归档，可以恢复），插件安装或升级只执行安全步骤`,
  },
  'plan.unarchived': {
    en: (p) => `step "${p.step}" is not a drop of an archived table or column, the only destructive steps a removal runs: migrate that change on its own first (tessera migrate)`,
    'zh-CN': (p) => `步骤“${p.step}”不是删除已归档的表或列，而移除插件只执行这类破坏性步骤：请先单独迁移该更改（tessera migrate）`,
  },
} as const satisfies Record<string, Readonly<Record<Locale, Text>>>;

/** A problem code of the plugin lifecycle. */
export type ProblemCode = keyof typeof PROBLEMS;

/** Why a lifecycle step refused: a code from the catalogue and the names it reports. */
export interface PluginProblem {
  readonly code: ProblemCode;
  readonly params: Params;
}

/** Creates a problem. */
export const problem = (code: ProblemCode, params: Params = {}): PluginProblem => ({ code, params });

/** Writes a problem out in a language. */
export const renderProblem = (p: PluginProblem, locale: Locale = 'en'): string => (PROBLEMS[p.code][locale] as Text)(p.params);

/** Thrown inside a lifecycle step to refuse it; the step undoes its file changes and reports the problems. */
export class PluginLifecycleError extends Error {
  override readonly name = 'PluginLifecycleError';
  constructor(readonly problems: readonly PluginProblem[], readonly issues: readonly Issue[] = []) {
    super(problems.map((p) => renderProblem(p)).join('; '));
  }
}
