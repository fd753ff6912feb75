import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fsReader } from '../../metadata/fs-reader';
import { counted } from '../../migrator/ddl';
import { exportCustomizations } from '../../plugins/export-customizations';
import { loadAppOrReport } from '../app-input';
import { EXIT, type Command } from '../command';
import { readLocale } from '../locale';

const DETAILS = `The customization layer is the app folder's customizations/*.json (or the globs app.json names under
"customizations"): JSON Patches over the merged metadata. The export is a plugin folder holding them unchanged:
  plugin.json                 "<app>-customizations", depending on the app's plugins at their current versions
  customizations/*.json       the patches, applied in the same order
To use it, add its folder to "plugins" in app.json and remove the app's own customization files; tessera validate
then loads the same model. --out must be empty or missing; --force replaces plugin.json and customizations/ in it.`;

// An absent folder counts as empty; a file in its place does not.
const isEmptyFolder = (dir: string) => readdir(dir).then((names) => names.length === 0, (error: NodeJS.ErrnoException) => error.code === 'ENOENT');

/** `tessera export`: writes the app's customization layer as a plugin folder. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'Write the app\'s customization layer as a plugin folder',
  usage: 'tessera export [--app DIR] --out DIR [--force] [--locale en|zh-CN]',
  details: DETAILS,
  options: { app: { type: 'string', default: '.' }, out: { type: 'string' }, force: { type: 'boolean', default: false }, locale: { type: 'string', default: 'en' } },
  async run(values, _positionals, io) {
    const locale = readLocale(values, io);
    if (!locale) return EXIT.usage;
    if (values.out === undefined) {
      io.err(`tessera export: --out DIR is required\nusage: ${exportCommand.usage}`);
      return EXIT.usage;
    }
    const zh = locale === 'zh-CN';
    const appDir = path.resolve(String(values.app));
    const outDir = path.resolve(String(values.out));
    const reader = fsReader(appDir);
    const app = await loadAppOrReport(reader, locale, io, { en: 'nothing was exported', 'zh-CN': '未导出' });
    if (!app) return EXIT.invalid;
    if (!values.force && !(await isEmptyFolder(outDir))) {
      io.err(zh ? `${outDir} 不是空文件夹，未导出。请换一个文件夹，或用 --force 替换其中的 plugin.json 和 customizations/。`
        : `${outDir} is not an empty folder; nothing was exported. Choose another folder, or pass --force to replace plugin.json and customizations/ in it.`);
      return EXIT.invalid;
    }
    const { manifest, files } = await exportCustomizations({ appDir, reader, app: app, outDir });
    io.out(zh ? `已将 ${app.name} 的 ${files.length} 个定制文件导出为插件 ${manifest.name}@${manifest.version}：${outDir}`
      : `Exported ${counted(files.length, 'customization file')} of ${app.name} as the plugin ${manifest.name}@${manifest.version} to ${outDir}`);
    for (const file of files) io.out(`  ${file}`);
    return EXIT.ok;
  },
};
