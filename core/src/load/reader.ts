/**
 * How loadApp reads files: the runtime hands it one over the file system, tests and the browser one over memory.
 * Paths are POSIX-style and relative to the app folder.
 */
export interface MetadataReader {
  /** The text of a file, or undefined when it does not exist. */
  readText(path: string): Promise<string | undefined>;
  /** The files in a folder matching glob patterns (entities/*.json), as paths relative to the app folder, sorted. */
  list(dir: string, patterns: readonly string[]): Promise<string[]>;
  /** The folder of a plugin named in app.json ("crm-core" or "./plugins/mine"), or undefined when it is not installed. */
  resolvePlugin(spec: string, fromDir: string): Promise<string | undefined>;
}

/** Joins POSIX path segments and normalizes "." and ".." ("" is the app folder; a folder above it keeps its ".."). */
export function joinPath(...parts: string[]): string {
  const out: string[] = [];
  for (const segment of parts.join('/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length && out.at(-1) !== '..') out.pop();
    else out.push(segment);
  }
  return out.join('/');
}

/** The folder part of a path ("plugins/a/plugin.json" -> "plugins/a"). */
export const dirName = (path: string): string => path.split('/').slice(0, -1).join('/');

/** Turns a simple glob (*, **, ?) into a regular expression over relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** A reader over an in-memory map of path to text; plugins resolve to plugins/<name> or a relative folder. */
export function memoryReader(files: Readonly<Record<string, string>>): MetadataReader {
  const paths = Object.keys(files).sort();
  return {
    readText: async (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
    list: async (dir, patterns) => {
      const res = patterns.map((p) => globToRegExp(joinPath(dir, p)));
      return paths.filter((p) => res.some((re) => re.test(p)));
    },
    resolvePlugin: async (spec, fromDir) => {
      const dir = spec.startsWith('.') ? joinPath(fromDir, spec) : joinPath('plugins', spec);
      return Object.hasOwn(files, joinPath(dir, 'plugin.json')) ? dir : undefined;
    },
  };
}
