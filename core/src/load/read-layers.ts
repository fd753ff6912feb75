import type { AppManifest, DocumentKind, PluginManifest } from '@tessera/metadata';
import { issue, type Issue } from '../errors/issue';
import { LAYER_FOLDERS, type Layer, type SourceDocument, type TemplateSource } from './documents';
import { orderPlugins, type FoundPlugin } from './order-plugins';
import { parseJson } from './parse-json';
import { dirName, joinPath, type MetadataReader } from './reader';
import { validateDocument } from './validate-schema';

/** Reads a JSON file and validates it; undefined (with issues) when it is missing, unparsable or invalid. */
export async function readDocument<T>(reader: MetadataReader, file: string, kind: DocumentKind, issues: Issue[]): Promise<T | undefined> {
  const text = await reader.readText(file);
  if (text === undefined) {
    issues.push(issue('file.missing', { file, path: '' }, { name: file }));
    return undefined;
  }
  const parsed = parseJson(text, file);
  if (!parsed.ok) {
    issues.push(parsed.issue);
    return undefined;
  }
  const found = validateDocument(kind, parsed.data, file);
  issues.push(...found);
  return found.length ? undefined : (parsed.data as T);
}

/** Reads app.json, finds every plugin it needs (transitively), orders them, and reads each layer's files. */
export async function readLayers(reader: MetadataReader, issues: Issue[]): Promise<{ app?: AppManifest; layers: Layer[] }> {
  const app = await readDocument<AppManifest>(reader, 'app.json', 'app', issues);
  if (!app) return { layers: [] };
  const plugins = await findPlugins(reader, app, issues);
  const ordered = orderPlugins(plugins, issues);
  const layers: Layer[] = [];
  for (const p of ordered) layers.push(await readLayer(reader, p.manifest, p.dir, 'plugin', issues));
  layers.push(await readLayer(reader, app, '', 'app', issues));
  return { app, layers };
}

async function findPlugins(reader: MetadataReader, app: AppManifest, issues: Issue[]): Promise<FoundPlugin[]> {
  const found = new Map<string, FoundPlugin>();
  const queue = (app.plugins ?? []).map((spec, i) => ({ spec, from: '', file: 'app.json', path: `/plugins/${i}`, by: app.name }));
  while (queue.length) {
    const { spec, from, file, path, by } = queue.shift()!;
    const dir = await reader.resolvePlugin(spec, from);
    if (dir === undefined) {
      issues.push(issue('plugin.missing', { file, path }, { name: spec, by }, spec));
      continue;
    }
    if ([...found.values()].some((p) => p.dir === dir)) continue;
    const manifestFile = joinPath(dir, 'plugin.json');
    const manifest = await readDocument<PluginManifest>(reader, manifestFile, 'plugin', issues);
    if (!manifest) continue;
    const twin = found.get(manifest.name);
    if (twin) {
      issues.push(issue('plugin.duplicate', { file: manifestFile, path: '/name' }, { name: manifest.name, dirs: [twin.dir, dir] }, manifest.name));
      continue;
    }
    found.set(manifest.name, { manifest, dir, file: manifestFile });
    for (const name of Object.keys(manifest.dependsOn ?? {})) {
      if (!found.has(name)) queue.push({ spec: name, from: dir, file: manifestFile, path: `/dependsOn/${name}`, by: manifest.name });
    }
  }
  return [...found.values()];
}

async function readLayer(reader: MetadataReader, manifest: AppManifest | PluginManifest, dir: string, kind: 'plugin' | 'app', issues: Issue[]): Promise<Layer> {
  const name = manifest.name;
  const documents: SourceDocument[] = [];
  for (const [key, folder] of Object.entries(LAYER_FOLDERS)) {
    const declared = manifest[key as keyof typeof LAYER_FOLDERS];
    const patterns = declared === undefined ? [folder.glob] : typeof declared === 'string' ? [declared] : declared;
    for (const file of await reader.list(dir, patterns)) {
      const text = await reader.readText(file);
      const parsed = parseJson(text ?? '', file);
      if (!parsed.ok) {
        issues.push(parsed.issue);
        continue;
      }
      const data = parsed.data;
      const docKind: DocumentKind = 'extension' in folder && data && typeof data === 'object' && 'extends' in data ? folder.extension : folder.kind;
      const found = validateDocument(docKind, data, file);
      issues.push(...found);
      if (!found.length) documents.push({ kind: docKind, file, data, layer: name });
    }
  }
  return {
    info: {
      name, kind, dir,
      ...(manifest.version ? { version: manifest.version } : {}),
      ...(manifest.label ? { label: manifest.label } : {}),
      ...('hooks' in manifest && manifest.hooks ? { hooks: joinPath(dir, manifest.hooks) } : {}),
    },
    manifest,
    manifestFile: joinPath(dir, kind === 'app' ? 'app.json' : 'plugin.json'),
    documents,
    templates: await readTemplates(reader, manifest, dir, name),
  };
}

async function readTemplates(reader: MetadataReader, manifest: AppManifest | PluginManifest, dir: string, layer: string): Promise<TemplateSource[]> {
  const declared = manifest.templates ?? 'templates/*.hbs';
  const out: TemplateSource[] = [];
  for (const file of await reader.list(dir, typeof declared === 'string' ? [declared] : declared)) {
    const base = file.slice(dirName(file).length).replace(/^\//, '').replace(/\.hbs$/, '');
    const [name = base, locale = ''] = base.split('.');
    out.push({ name, locale, file, source: (await reader.readText(file)) ?? '', layer });
  }
  return out;
}
