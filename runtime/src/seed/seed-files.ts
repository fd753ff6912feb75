import { isUuid, type AppModel, type Locale, type MetadataReader } from '@tessera/core';
import { seedProblem, type SeedProblem } from './seed-problem';

/** Where a layer (a plugin or the app) keeps its seed files, relative to its folder. */
export const SEED_GLOB = 'seed/*.json';

/**
 * One record of a seed file: its entity, its given id, the body the REST API would get, and where it was written; and
 * the e-mail of the user who owns it, for demo data spread over people ("$owner": a record's owner is otherwise the
 * one who seeds).
 */
export interface SeedRecord {
  readonly entity: string;
  readonly id: string;
  readonly owner?: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly file: string;
  readonly index: number;
}

/** What the seed files hold: their paths, the well-formed records, and the problems of the rest. */
export interface SeedFiles {
  readonly files: readonly string[];
  readonly records: readonly SeedRecord[];
  readonly problems: readonly SeedProblem[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the seed files of every plugin (in plugin order), then the app's, checking their shape, entities and ids. */
export async function readSeedFiles(reader: MetadataReader, app: AppModel, locale: Locale): Promise<SeedFiles> {
  const files: string[] = [];
  for (const layer of app.layers) {
    if (layer.kind === 'plugin' || layer.kind === 'app') files.push(...(await reader.list(layer.dir, [SEED_GLOB])));
  }
  const records: SeedRecord[] = [];
  const problems: SeedProblem[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const parsed = parse(file, (await reader.readText(file)) ?? '', app, locale);
    if ('problem' in parsed) {
      problems.push(parsed.problem);
      continue;
    }
    parsed.records.forEach((record, index) => {
      const at = { file, path: `/records/${index}` };
      if (!isObject(record)) return void problems.push(seedProblem('seed.record', at, locale));
      const { id, $owner: owner, ...body } = record;
      if (owner !== undefined && typeof owner !== 'string') return void problems.push(seedProblem('seed.owner', { file, path: `${at.path}/$owner` }, locale, { found: JSON.stringify(owner) }));
      const idAt = { file, path: `${at.path}/id` };
      if (typeof id !== 'string' || !isUuid(id)) return void problems.push(seedProblem('seed.id', idAt, locale, { found: JSON.stringify(id ?? null) }));
      // Ids are compared as PostgreSQL compares uuids: case does not matter.
      const key = `${parsed.entity}\0${id.toLowerCase()}`;
      const other = seen.get(key);
      if (other) return void problems.push(seedProblem('seed.duplicate', idAt, locale, { entity: parsed.entity, id, other }));
      seen.set(key, `${file} ${at.path}`);
      records.push({ entity: parsed.entity, id: id.toLowerCase(), body, file, index, ...(owner === undefined ? {} : { owner }) });
    });
  }
  return { files, records, problems };
}

function parse(file: string, text: string, app: AppModel, locale: Locale): { entity: string; records: unknown[] } | { problem: SeedProblem } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { problem: seedProblem('seed.json', { file, path: '' }, locale, { reason: (error as Error).message }) };
  }
  const keys = isObject(data) ? Object.keys(data).sort().join(',') : '';
  if (!isObject(data) || keys !== 'entity,records' || typeof data.entity !== 'string' || !Array.isArray(data.records)) {
    return { problem: seedProblem('seed.shape', { file, path: '' }, locale) };
  }
  if (!Object.hasOwn(app.entities, data.entity)) {
    return { problem: seedProblem('seed.entity', { file, path: '/entity' }, locale, { entity: data.entity, known: Object.keys(app.entities).join(', ') }) };
  }
  return { entity: data.entity, records: data.records };
}
