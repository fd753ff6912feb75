import type { LocalIssue } from '../errors/issue';
import type { EntityModel } from '../model/app-model';
import type { ExplicitMapping } from './column-mapping';

/** The file formats an import reads. */
export const IMPORT_FORMATS = ['csv', 'xlsx', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The media types an import body may have, and the format each means. */
export const IMPORT_MEDIA_TYPES: Readonly<Record<string, ImportFormat>> = {
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
};

/** How an import writes: what it reads, whether it updates existing records, and what a bad line does. */
export interface ImportOptions {
  readonly format: ImportFormat;
  /** insert: every line is a new record; upsert: a line whose key matches a record updates it. */
  readonly mode: 'insert' | 'upsert';
  /** The fields that identify a record for an upsert: id, or fields unique together. */
  readonly key: readonly string[];
  /** rollback: any bad line writes nothing at all; skip: bad lines are reported and the rest is written. */
  readonly onError: 'rollback' | 'skip';
  readonly mapping: ExplicitMapping;
}

/** The keys an upsert may use: id, each unique field, and each unique set of fields. */
export function upsertKeys(entity: EntityModel): string[][] {
  const single = entity.fieldNames.filter((n) => (entity.fields[n]!.definition as { unique?: boolean }).unique).map((n) => [n]);
  return [['id'], ...single, ...entity.indexes.filter((i) => i.unique).map((i) => [...i.fields])];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

const CHOICES: Record<string, readonly string[]> = { format: IMPORT_FORMATS, mode: ['insert', 'upsert'], onError: ['rollback', 'skip'] };

/** Reads import options from query parameters (or CLI flags given as such); the format defaults to what the body's type says. */
export function parseImportOptions(entity: EntityModel, params: { get(name: string): string | null }, format?: ImportFormat): { ok: true; options: ImportOptions } | { ok: false; issues: LocalIssue[] } {
  const issues: LocalIssue[] = [];
  const choice = (name: string, fallback: string | undefined) => {
    const value = params.get(name) ?? fallback;
    if (value !== undefined && CHOICES[name]!.includes(value)) return value;
    issues.push({ code: 'import.option', path: `/${name}`, params: { name, wanted: `one of ${CHOICES[name]!.join(', ')}`, wantedZh: `以下之一：${CHOICES[name]!.join('、')}` }, found: value ?? null });
    return fallback ?? '';
  };
  const options = {
    format: choice('format', format) as ImportFormat,
    mode: choice('mode', 'insert') as ImportOptions['mode'],
    onError: choice('onError', 'rollback') as ImportOptions['onError'],
    key: (params.get('key') ?? 'id').split(',').map((k) => k.trim()).filter(Boolean),
    mapping: parseMapping(params.get('mapping'), issues),
  };
  const known = upsertKeys(entity);
  if (options.mode === 'upsert' && !known.some((k) => sameSet(k, options.key))) {
    issues.push({ code: 'import.key', path: '/key', params: { key: options.key, entity: entity.name, known: known.map((k) => k.join(' + ')) } });
  }
  return issues.length ? { ok: false, issues } : { ok: true, options };
}

function parseMapping(text: string | null, issues: LocalIssue[]): ExplicitMapping {
  if (text === null) return {};
  const wanted = { name: 'mapping', wanted: 'a JSON object from column header to field name (or null to leave the column out)', wantedZh: 'JSON 对象：列标题到字段名（null 表示忽略该列）' };
  try {
    const value = JSON.parse(text) as unknown;
    const valid = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => v === null || typeof v === 'string');
    if (valid) return value as ExplicitMapping;
  } catch {
    // Reported below, as any other malformed mapping.
  }
  issues.push({ code: 'import.option', path: '/mapping', params: wanted, found: text });
  return {};
}
