import { formatIssue, loadApp, type AppModel, type EntityModel, type Locale, type MetadataReader } from '@tessera/core';
import { counted } from '../migrator/ddl';
import type { CommandIo } from './command';

/** What a command did not do, said in each language ("nothing was imported", "未导入"). */
export interface NothingDone {
  readonly en: string;
  readonly 'zh-CN': string;
}

/** Loads a command's app, or reports its metadata issues and that nothing was done, and answers undefined. */
export async function loadAppOrReport(reader: MetadataReader, locale: Locale, io: CommandIo, nothing: NothingDone): Promise<AppModel | undefined> {
  const loaded = await loadApp(reader);
  if (loaded.ok) return loaded.app;
  for (const item of loaded.issues) io.err(formatIssue(item, locale));
  io.err(locale === 'zh-CN' ? `\n元数据无效，${nothing['zh-CN']}（${loaded.issues.length} 个问题）` : `\nthe metadata is invalid; ${nothing.en} (${counted(loaded.issues.length, 'issue')})`);
  return undefined;
}

/** The entity a command names, or undefined after listing the entities there are. */
export function entityOrReport(app: AppModel, name: string, locale: Locale, io: CommandIo): EntityModel | undefined {
  const entity = Object.hasOwn(app.entities, name) ? app.entities[name] : undefined;
  if (entity) return entity;
  const known = Object.keys(app.entities);
  io.err(locale === 'zh-CN' ? `没有实体 "${name}"；现有：${known.join('、')}` : `there is no entity "${name}"; the entities are ${known.join(', ')}`);
  return undefined;
}
