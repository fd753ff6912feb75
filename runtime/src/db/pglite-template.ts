import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

// PGlite's initdb compiles a second WASM module and takes 1.5–3.5 s; loading the same freshly initialised
// cluster from a tarball takes under 0.5 s. A fresh database therefore starts from a cached initdb tarball.

/** The version of the PGlite package: a cluster made by one version is loaded only by the same version. */
const pgliteVersion = (): string => {
  const entry = require.resolve('@electric-sql/pglite');
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === '@electric-sql/pglite' && parsed.version) return parsed.version;
    }
  }
  throw new Error('cannot find the version of @electric-sql/pglite');
};

/** The runtime package's folder (from its sources or from its build). */
const runtimeRoot = (): string => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return tmpdir();
};

/** Where the initdb tarball is kept: TESSERA_CACHE_DIR, else the runtime package's .cache folder. */
export const templateFile = (): string =>
  path.join(process.env.TESSERA_CACHE_DIR ?? path.join(runtimeRoot(), '.cache'), `pglite-${pgliteVersion()}-initdb.tar.gz`);

let loaded: Promise<Blob> | undefined;

/** A freshly initialised, empty PGlite cluster as a tarball for `loadDataDir`: read from the cache, or made once and cached. */
export function initdbTemplate(): Promise<Blob> {
  loaded ??= readTemplate().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

async function readTemplate(): Promise<Blob> {
  const file = templateFile();
  const cached = await readFile(file).catch(() => undefined);
  if (cached) return blob(gunzipSync(cached));
  const tarball = await makeTemplate();
  await saveTemplate(file, gzipSync(tarball, { level: 6 }));
  return blob(tarball);
}

// Node's zlib and fs answer Buffers over plain (never shared) ArrayBuffers, which is what a Blob takes.
const blob = (bytes: Buffer): Blob => new Blob([bytes as Uint8Array<ArrayBuffer>]);

async function makeTemplate(): Promise<Buffer> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = new PGlite('memory://');
  try {
    await pglite.waitReady;
    const dump = await pglite.dumpDataDir('none');
    return Buffer.from(await dump.arrayBuffer());
  } finally {
    await pglite.close();
  }
}

/** Writes through a unique temporary name and a rename, so concurrent makers never leave a torn file. */
async function saveTemplate(file: string, bytes: Buffer): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.${Date.now()}.partial`;
    await writeFile(partial, bytes);
    await rename(partial, file);
  } catch {
    // A read-only install still works: it pays initdb on each fresh database instead.
  }
}
