import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dirName, localize, type AppModel, type MetadataReader } from '@tessera/core';
import type { AppManifest, PluginManifest } from '@tessera/metadata';

/** What an export wrote: the plugin's manifest and its customization files (relative to the plugin folder). */
export interface ExportedPlugin {
  readonly manifest: PluginManifest;
  readonly files: readonly string[];
}

const FOLDER = 'customizations';
// Where a layer keeps its customizations when its manifest names no globs (core's LAYER_FOLDERS convention).
const DEFAULT_GLOB = `${FOLDER}/*.json`;

/** The app folder's customization files, in the order their patches apply (app.json's globs, or customizations/*.json). */
export async function customizationFiles(reader: MetadataReader, manifest: AppManifest): Promise<string[]> {
  const declared = manifest.customizations ?? DEFAULT_GLOB;
  return reader.list('', typeof declared === 'string' ? [declared] : declared);
}

/**
 * The plugin.json of an exported customization layer, named after the app. It depends on the plugins app.json names,
 * at a caret range of the versions loaded now: the patches were written against them, so a major upgrade of one is
 * reported instead of patched blindly.
 */
export async function exportManifest(reader: MetadataReader, manifest: AppManifest, app: AppModel): Promise<PluginManifest> {
  const dependsOn: Record<string, string> = {};
  for (const spec of manifest.plugins ?? []) {
    const dir = await reader.resolvePlugin(spec, '');
    const layer = app.layers.find((l) => l.kind === 'plugin' && l.dir === dir);
    if (layer?.version) dependsOn[layer.name] = `^${layer.version}`;
  }
  return {
    name: `${app.name}-customizations`,
    version: app.version ?? '0.1.0',
    label: { en: `${localize(app.label, 'en', app.name)} customizations`, 'zh-CN': `${localize(app.label, 'zh-CN', app.name)} 定制` },
    description: { en: `The customization layer of ${app.name}, exported by tessera export`, 'zh-CN': `${app.name} 的定制层，由 tessera export 导出` },
    ...(Object.keys(dependsOn).length ? { dependsOn } : {}),
    customizations: DEFAULT_GLOB,
  };
}

/**
 * Writes the app folder's customization layer as a plugin folder: plugin.json and customizations/*.json, replacing
 * those two if they are there and leaving anything else in the folder alone.
 */
export async function exportCustomizations(options: { appDir: string; reader: MetadataReader; app: AppModel; outDir: string }): Promise<ExportedPlugin> {
  const { appDir, reader, app, outDir } = options;
  const appManifest = JSON.parse((await reader.readText('app.json'))!) as AppManifest;
  const manifest = await exportManifest(reader, appManifest, app);
  const sources = await customizationFiles(reader, appManifest);
  // Patches apply in the order of the files' paths: names from one folder keep that order, others are numbered in it.
  const oneFolder = new Set(sources.map(dirName)).size <= 1;
  const files = sources.map((file, i) => `${FOLDER}/${oneFolder ? '' : `${String(i + 1).padStart(3, '0')}-`}${path.posix.basename(file)}`);
  // Read everything before removing anything: the folder written may be the one read (an export over the app itself).
  const docs = await Promise.all(sources.map(async (file) => JSON.parse((await reader.readText(file))!) as { $schema?: string }));
  await rm(path.join(outDir, FOLDER), { recursive: true, force: true });
  await mkdir(path.join(outDir, FOLDER), { recursive: true });
  await writeFile(path.join(outDir, 'plugin.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [i, doc] of docs.entries()) {
    const target = path.join(outDir, files[i]!);
    if (doc.$schema) doc.$schema = moveRelative(doc.$schema, path.resolve(appDir, dirName(sources[i]!)), path.dirname(target));
    await writeFile(target, `${JSON.stringify(doc, null, 2)}\n`);
  }
  return { manifest, files };
}

/** A reference relative to one folder (an editor's "$schema" path), made relative to another; URLs stay as they are. */
function moveRelative(ref: string, from: string, to: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || path.isAbsolute(ref)) return ref;
  return path.relative(to, path.resolve(from, ref)).split(path.sep).join('/');
}
