import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { issue, validateDocument, type Issue } from '@tessera/core';
import type { PluginManifest } from '@tessera/metadata';
import { findRemoved } from './app-folder';
import { migrationNameProblems } from './data-migrations';
import { unpackArchive } from './plugin-archive';
import { readPluginFolder } from './plugin-files';
import { PluginLifecycleError, problem } from './problems';

/** A plugin to install or upgrade to: its manifest and files, read from an archive, a folder, or a removed copy. */
export interface PluginSource {
  readonly manifest: PluginManifest;
  readonly files: ReadonlyMap<string, Buffer>;
  /** What the user named, as they named it. */
  readonly from: string;
  readonly kind: 'archive' | 'folder' | 'removed';
  /** The plugins/.removed/ folder the source is, which a successful reinstall clears. */
  readonly removedDir?: string;
}

/**
 * Opens what `tessera plugin install|upgrade` was given: a .tgz (its checksums verified), a plugin folder, or the name
 * of a plugin removed from this app (its folder kept in plugins/.removed/). Refuses with the file and reason.
 */
export async function openPluginSource(arg: string, appDir: string): Promise<PluginSource> {
  const info = await stat(arg).catch(() => undefined);
  if (info?.isFile()) {
    const { listing, files } = unpackArchive(await readFile(arg), arg);
    const manifest = parseManifest(files, arg);
    if (listing.name !== manifest.name || listing.version !== manifest.version) {
      throw new PluginLifecycleError([problem('archive.identity', { source: arg, listed: `${listing.name}@${listing.version}`, actual: `${manifest.name}@${manifest.version}` })]);
    }
    return checked({ manifest, files, from: arg, kind: 'archive' });
  }
  if (info?.isDirectory()) return checked({ ...(await readFolder(arg)), from: arg, kind: 'folder' });
  const removed = await findRemoved(appDir, arg);
  if (removed) return checked({ ...(await readFolder(removed)), from: path.relative(appDir, removed), kind: 'removed', removedDir: removed });
  throw new PluginLifecycleError([problem('source.missing', { source: arg })]);
}

/** Reads a plugin folder: its validated plugin.json and its files. */
export async function readFolder(dir: string): Promise<{ manifest: PluginManifest; files: Map<string, Buffer> }> {
  const text = await readFile(path.join(dir, 'plugin.json')).catch(() => undefined);
  const manifest = parseManifest(new Map(text ? [['plugin.json', text]] : []), dir);
  return { manifest, files: await readPluginFolder(dir, manifest) };
}

function parseManifest(files: ReadonlyMap<string, Buffer>, source: string): PluginManifest {
  const text = files.get('plugin.json');
  const file = `${source}/plugin.json`;
  const fail = (issues: Issue[]) => new PluginLifecycleError([problem('source.plugin', { source })], issues);
  if (!text) throw fail([issue('file.missing', { file, path: '' }, { name: file })]);
  let data: unknown;
  try {
    data = JSON.parse(text.toString('utf8'));
  } catch (error) {
    throw fail([issue('json.syntax', { file, path: '' }, { reason: (error as Error).message })]);
  }
  const issues = validateDocument('plugin', data, file);
  if (issues.length) throw fail(issues);
  return data as PluginManifest;
}

function checked(source: PluginSource): PluginSource {
  const problems = migrationNameProblems(source.files, source.manifest);
  if (problems.length) throw new PluginLifecycleError(problems);
  return source;
}
