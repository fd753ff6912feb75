import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Issue } from '@tessera/core';
import type { PluginManifest } from '@tessera/metadata';
import { migrationNameProblems } from './data-migrations';
import { archiveName, packArchive, type ArchiveFile } from './plugin-archive';
import { loadPluginAlone } from './plugin-layers';
import { readFolder } from './plugin-source';
import { PluginLifecycleError, problem } from './problems';
import { TarError } from './tar';

/** A written plugin archive: where, which plugin, and the files MANIFEST.json lists. */
export interface Packed {
  readonly file: string;
  readonly manifest: PluginManifest;
  readonly files: readonly ArchiveFile[];
}

/**
 * Packs a plugin folder as <name>-<version>.tgz after checking it loads (with its dependencies) as an app would load
 * it. `out` is the archive's path, or a folder to write it into (default: the current folder).
 */
export async function packPlugin(dir: string, out?: string): Promise<Packed> {
  const { manifest, files } = await readFolder(dir);
  const loaded = await loadPluginAlone(dir);
  const issues: Issue[] = loaded.ok ? [] : [...loaded.issues];
  const problems = migrationNameProblems(files, manifest);
  if (manifest.hooks && !files.has(path.posix.normalize(manifest.hooks))) problems.push(problem('pack.hooks', { file: manifest.hooks }));
  if (issues.length || problems.length) throw new PluginLifecycleError(problems, issues);
  let packed;
  try {
    packed = packArchive(manifest, files);
  } catch (error) {
    if (!(error instanceof TarError)) throw error;
    throw new PluginLifecycleError([problem('pack.path', { file: error.path ?? '' })]);
  }
  const target = await archivePath(out, archiveName(manifest));
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, packed.archive);
  return { file: target, manifest, files: packed.listing.files };
}

async function archivePath(out: string | undefined, name: string): Promise<string> {
  if (out === undefined) return path.resolve(name);
  const isFolder = await stat(out).then((s) => s.isDirectory(), () => out.endsWith('/') || out.endsWith(path.sep));
  return path.resolve(isFolder ? path.join(out, name) : out);
}
