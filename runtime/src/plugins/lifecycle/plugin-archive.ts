import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { PluginManifest } from '@tessera/metadata';
import { fileStem } from './app-folder';
import { PluginLifecycleError, problem } from './problems';
import { readTar, TarError, writeTar } from './tar';

/** The file in every plugin archive that lists the others with their size and sha256. */
export const MANIFEST_FILE = 'MANIFEST.json';

/** One file of an archive as MANIFEST.json lists it. */
export interface ArchiveFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** MANIFEST.json: which plugin the archive holds, and every file in it. */
export interface ArchiveManifest {
  readonly format: 1;
  readonly name: string;
  readonly version: string;
  readonly files: readonly ArchiveFile[];
}

/** The archive's file name: <name>-<version>.tgz. */
export const archiveName = (manifest: PluginManifest): string => `${fileStem(manifest.name)}-${manifest.version}.tgz`;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Packs a plugin's files with their MANIFEST.json into a gzip'd tar; the same files always give the same bytes. */
export function packArchive(manifest: PluginManifest, files: ReadonlyMap<string, Buffer>): { archive: Buffer; listing: ArchiveManifest } {
  const listing: ArchiveManifest = {
    format: 1, name: manifest.name, version: manifest.version,
    files: [...files].map(([path, data]) => ({ path, size: data.length, sha256: sha256(data) })),
  };
  const entries = [{ path: MANIFEST_FILE, data: Buffer.from(`${JSON.stringify(listing, null, 2)}\n`) }, ...[...files].map(([path, data]) => ({ path, data }))];
  return { archive: gzipSync(writeTar(entries), { level: 9 }), listing };
}

/**
 * Unpacks a plugin archive into memory and checks it against its MANIFEST.json: every file listed, present, with its
 * size and sha256, and nothing else. Any mismatch refuses the whole archive, naming the file.
 */
export function unpackArchive(gz: Buffer, source: string): { listing: ArchiveManifest; files: Map<string, Buffer> } {
  const refuse = (code: 'source.unreadable' | 'archive.manifest' | 'archive.tampered' | 'archive.path', params: Record<string, string>) => {
    throw new PluginLifecycleError([problem(code, { source, ...params })]);
  };
  let entries;
  try {
    entries = readTar(gunzipSync(gz));
  } catch (error) {
    if (error instanceof TarError || (error as NodeJS.ErrnoException).code?.startsWith('Z_')) return refuse('source.unreadable', { reason: (error as Error).message });
    throw error;
  }
  const files = new Map<string, Buffer>();
  for (const entry of entries) {
    if (!isSafePath(entry.path)) return refuse('archive.path', { file: entry.path });
    if (files.has(entry.path)) return refuse('archive.tampered', { file: entry.path, what: 'twice' });
    files.set(entry.path, entry.data);
  }
  const listing = readListing(files.get(MANIFEST_FILE), (reason) => refuse('archive.manifest', { reason }));
  files.delete(MANIFEST_FILE);
  for (const listed of listing.files) {
    const data = files.get(listed.path);
    if (!data) return refuse('archive.tampered', { file: listed.path, what: 'missing' });
    if (data.length !== listed.size) return refuse('archive.tampered', { file: listed.path, what: 'size' });
    if (sha256(data) !== listed.sha256) return refuse('archive.tampered', { file: listed.path, what: 'sha256' });
  }
  const listedPaths = new Set(listing.files.map((f) => f.path));
  const extra = [...files.keys()].find((p) => !listedPaths.has(p));
  if (extra) return refuse('archive.tampered', { file: extra, what: 'unlisted' });
  return { listing, files };
}

/** A relative POSIX path with no "..", dotfile segment or backslash: nothing an archive may write outside its folder. */
export const isSafePath = (p: string): boolean => p !== '' && !p.includes('\\') && !p.startsWith('/') && p.split('/').every((s) => s !== '' && !s.startsWith('.'));

function readListing(data: Buffer | undefined, refuse: (reason: 'missing' | 'json' | 'shape') => never): ArchiveManifest {
  if (!data) return refuse('missing');
  let value: unknown;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch {
    return refuse('json');
  }
  const m = value as Partial<ArchiveManifest>;
  const fileOk = (f: Partial<ArchiveFile>) => typeof f?.path === 'string' && Number.isInteger(f.size) && typeof f.sha256 === 'string' && /^[0-9a-f]{64}$/.test(f.sha256);
  if (m?.format !== 1 || typeof m.name !== 'string' || typeof m.version !== 'string' || !Array.isArray(m.files) || !m.files.every(fileOk)) {
    return refuse('shape');
  }
  return m as ArchiveManifest;
}
