import path from 'node:path';
import { loadApp, type LoadResult, type MetadataReader } from '@tessera/core';
import { fsReader } from '../../metadata/fs-reader';

/**
 * A reader showing only an app's plugin layers: the app folder's own documents, templates and customizations are
 * hidden (they are all listed from the app folder itself), and app.json may be replaced.
 */
export function pluginLayersOnly(reader: MetadataReader, appJson?: string): MetadataReader {
  return {
    readText: (file) => (file === 'app.json' && appJson !== undefined ? Promise.resolve(appJson) : reader.readText(file)),
    list: (dir, patterns) => (dir === '' ? Promise.resolve([]) : reader.list(dir, patterns)),
    resolvePlugin: (spec, fromDir) => reader.resolvePlugin(spec, fromDir),
  };
}

/** Loads an app's plugins without its own layer or customizations: what an upgrade compares customizations against. */
export const loadPluginLayers = (appDir: string): Promise<LoadResult> => loadApp(pluginLayersOnly(fsReader(appDir)));

/**
 * Loads a plugin folder on its own, as the only plugin of an app: its dependencies resolve as an app's would, from
 * plugins/<name> in the folders above it or from npm. Issues name files relative to the plugin's parent folder.
 */
export function loadPluginAlone(dir: string): Promise<LoadResult> {
  const absolute = path.resolve(dir);
  const app = JSON.stringify({ name: 'plugin-check', plugins: [`./${path.basename(absolute)}`] });
  return loadApp(pluginLayersOnly(fsReader(path.dirname(absolute)), app));
}
