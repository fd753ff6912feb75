import path from 'node:path';
import { formatIssue, loadApp, localize } from '@tessera/core';
import { fsReader } from '../../metadata/fs-reader';
import { readLocale } from '../locale';
import { EXIT, type Command } from '../command';

/** `tessera validate`: loads the app's metadata and prints every issue, or a summary of the model. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check the app\'s metadata and report every issue at once',
  usage: 'tessera validate [--app DIR] [--locale en|zh-CN] [--json]',
  options: { app: { type: 'string', default: '.' }, locale: { type: 'string', default: 'en' }, json: { type: 'boolean', default: false } },
  async run(values, _positionals, io) {
    const locale = readLocale(values, io);
    if (!locale) return EXIT.usage;
    const dir = path.resolve(String(values.app));
    const started = performance.now();
    const result = await loadApp(fsReader(dir));
    const ms = Math.round(performance.now() - started);
    if (values.json) {
      io.out(JSON.stringify(result.ok ? { ok: true, hash: result.app.hash, entities: Object.keys(result.app.entities) } : { ok: false, issues: result.issues }, null, 2));
      return result.ok ? EXIT.ok : EXIT.invalid;
    }
    if (!result.ok) {
      for (const item of result.issues) io.err(formatIssue(item, locale));
      io.err(locale === 'zh-CN' ? `\n${dir}：发现 ${result.issues.length} 个问题` : `\n${dir}: ${result.issues.length} issue${result.issues.length === 1 ? '' : 's'}`);
      return EXIT.invalid;
    }
    const app = result.app;
    const entities = Object.values(app.entities).filter((e) => !e.system);
    const fields = entities.reduce((n, e) => n + e.fieldNames.length, 0);
    io.out(`${localize(app.label, locale, app.name)} (${app.name}) ${locale === 'zh-CN' ? '元数据有效' : 'is valid'} [${ms} ms]`);
    io.out(`  layers:     ${app.layers.map((l) => (l.version ? `${l.name}@${l.version}` : l.name)).join(' -> ')}`);
    io.out(`  entities:   ${entities.length} (${fields} fields), roles: ${Object.keys(app.roles).length}, processes: ${Object.keys(app.processes).length}, layouts: ${Object.keys(app.layouts).length}, dashboards: ${Object.keys(app.dashboards).length}`);
    io.out(`  hash:       ${app.hash}`);
    return EXIT.ok;
  },
};
