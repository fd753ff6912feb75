import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { MetadataReader } from '@tessera/core';
import { glob } from 'tinyglobby';

const exists = (file: string) => stat(file).then(() => true, () => false);
const toPosix = (p: string) => p.split(path.sep).join('/');

/**
 * Reads an app folder from disk for loadApp. A plugin named in app.json is found, in order, as a relative folder,
 * in plugins/<name> of the app folder or of any folder above it (a monorepo), or as an installed npm package.
 */
export function fsReader(appDir: string): MetadataReader {
  const root = path.resolve(appDir);
  const abs = (rel: string) => path.resolve(root, rel);
  const rel = (file: string) => toPosix(path.relative(root, file));
  return {
    readText: async (file) => {
      try {
        return await readFile(abs(file), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
        throw error;
      }
    },
    list: async (dir, patterns) => {
      const cwd = abs(dir);
      const files = await glob([...patterns], { cwd, onlyFiles: true, absolute: true, expandDirectories: false });
      return files.map(rel).sort();
    },
    resolvePlugin: async (spec, fromDir) => {
      if (spec.startsWith('.') || path.isAbsolute(spec)) {
        const dir = path.resolve(abs(fromDir), spec);
        return (await exists(path.join(dir, 'plugin.json'))) ? rel(dir) : undefined;
      }
      for (let dir = abs(fromDir); ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, 'plugins', spec);
        if (await exists(path.join(candidate, 'plugin.json'))) return rel(candidate);
        if (path.dirname(dir) === dir) break;
      }
      const require = createRequire(path.join(abs(fromDir), 'noop.js'));
      for (const pkg of [spec, `@tessera/plugin-${spec}`]) {
        try {
          return rel(path.dirname(require.resolve(`${pkg}/plugin.json`)));
        } catch {
          // not installed under this name
        }
      }
      return undefined;
    },
  };
}
