import type { PluginManifest } from '@tessera/metadata';
import semver from 'semver';
import { issue, type Issue } from '../errors/issue';

/** A plugin found on the way from app.json: its manifest and where it is. */
export interface FoundPlugin {
  readonly manifest: PluginManifest;
  readonly dir: string;
  readonly file: string;
}

/**
 * Orders plugins so each comes after everything it depends on (ties keep discovery order), checking each
 * dependency's version against its range. A cycle is reported once, with its path.
 */
export function orderPlugins(plugins: readonly FoundPlugin[], issues: Issue[]): FoundPlugin[] {
  const byName = new Map(plugins.map((p) => [p.manifest.name, p]));
  for (const p of plugins) {
    for (const [name, range] of Object.entries(p.manifest.dependsOn ?? {})) {
      const dep = byName.get(name);
      const at = { file: p.file, path: `/dependsOn/${name}` };
      if (!semver.validRange(range)) issues.push(issue('plugin.range', at, { range }, range));
      else if (dep && !semver.satisfies(dep.manifest.version, range, { includePrerelease: true })) {
        issues.push(issue('plugin.version', at, { name, version: dep.manifest.version, range, by: p.manifest.name }, dep.manifest.version));
      }
    }
  }
  const ordered: FoundPlugin[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (p: FoundPlugin, trail: string[]): void => {
    const name = p.manifest.name;
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      const key = [...cycle].sort().join(',');
      if (!reported.has(key)) {
        reported.add(key);
        issues.push(issue('plugin.cycle', { file: p.file, path: `/dependsOn/${cycle[1]}` }, { cycle }));
      }
      return;
    }
    state.set(name, 'visiting');
    for (const dep of Object.keys(p.manifest.dependsOn ?? {})) {
      const found = byName.get(dep);
      if (found) visit(found, [...trail, name]);
    }
    state.set(name, 'done');
    ordered.push(p);
  };
  for (const p of plugins) visit(p, []);
  return ordered;
}
