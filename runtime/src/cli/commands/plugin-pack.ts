import path from 'node:path';
import { formatIssue, type Locale } from '@tessera/core';
import { counted } from '../../migrator/ddl';
import { packPlugin } from '../../plugins/lifecycle/pack';
import { PluginLifecycleError, renderProblem } from '../../plugins/lifecycle/problems';
import { EXIT, type CommandIo } from '../command';
import type { PluginSubcommand } from './plugin-subcommand';

/** `tessera plugin pack DIR [--out FILE]`: checks a plugin folder and writes it as a versioned archive. */
export const packSubcommand: PluginSubcommand = {
  name: 'pack',
  summary: 'Check a plugin folder and write it as <name>-<version>.tgz with a MANIFEST.json of checksums',
  usage: 'tessera plugin pack DIR [--out FILE|DIR] [--locale en|zh-CN]',
  options: ['out', 'locale'],
  async run(values, dir, locale, io) {
    const zh = locale === 'zh-CN';
    try {
      const packed = await packPlugin(dir, values.out === undefined ? undefined : String(values.out));
      const bytes = packed.files.reduce((n, f) => n + f.size, 0);
      io.out(zh ? `已打包 ${packed.manifest.name} ${packed.manifest.version}：${packed.file}（${packed.files.length} 个文件，${bytes} 字节，sha256 见 MANIFEST.json）`
        : `Packed ${packed.manifest.name} ${packed.manifest.version} to ${packed.file} (${counted(packed.files.length, 'file')}, ${counted(bytes, 'byte')}, sha256 in MANIFEST.json)`);
      for (const file of packed.files) io.out(`  ${file.path}`);
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof PluginLifecycleError)) throw error;
      return refused(error, path.resolve(dir), locale, io);
    }
  },
};

function refused(error: PluginLifecycleError, dir: string, locale: Locale, io: CommandIo): number {
  for (const item of error.issues) io.err(formatIssue(item, locale));
  for (const p of error.problems) io.err(renderProblem(p, locale));
  const n = error.issues.length + error.problems.length;
  io.err(locale === 'zh-CN' ? `\n${dir}：发现 ${n} 个问题，未打包` : `\n${dir}: ${counted(n, 'issue')}; nothing was packed`);
  return EXIT.invalid;
}
