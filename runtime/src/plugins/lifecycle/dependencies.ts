import { joinPath } from '@tessera/core';
import type { PluginManifest } from '@tessera/metadata';
import semver from 'semver';
import { fsReader } from '../../metadata/fs-reader';
import { pluginLayerDir } from './app-folder';
import { PluginLifecycleError, problem, type PluginProblem } from './problems';

/**
 * Refuses a plugin whose dependencies the app cannot satisfy, naming each one and its range: resolved as the app will
 * resolve them once the plugin is in plugins/<name> (the app's plugins/, folders above, npm), then checked against
 * the range. Checked before loading the whole app, whose issues would only be the consequences.
 */
export async function checkDependencies(appDir: string, manifest: PluginManifest): Promise<void> {
  const reader = fsReader(appDir);
  const problems: PluginProblem[] = [];
  for (const [dep, range] of Object.entries(manifest.dependsOn ?? {})) {
    const params = { name: manifest.name, version: manifest.version, dep, range };
    const dir = await reader.resolvePlugin(dep, pluginLayerDir(manifest.name));
    const text = dir === undefined ? undefined : await reader.readText(joinPath(dir, 'plugin.json'));
    const found = text === undefined ? undefined : (JSON.parse(text) as PluginManifest).version;
    if (found === undefined) problems.push(problem('dependency.missing', params));
    else if (semver.validRange(range) && !semver.satisfies(found, range, { includePrerelease: true })) problems.push(problem('dependency.range', { ...params, found }));
  }
  if (problems.length) throw new PluginLifecycleError(problems);
}
