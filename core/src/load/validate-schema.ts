import type { ErrorObject } from 'ajv/dist/2020';
import { documentSchemas, schemas, validators, type DocumentKind } from '@tessera/metadata';
import { issue, type Issue } from '../errors/issue';
import { issueFromAjv } from './ajv-issues';
import { schemaLookup } from './schema-lookup';

// The validators are ajv's standalone code, compiled when the metadata package is built (with the same options a
// runtime compile used): compiling every schema at each start cost about half a second.
const lookup = schemaLookup(schemas);

/** Validates a metadata document against its kind's schema; every error becomes an issue with its JSON pointer. */
export function validateDocument(kind: DocumentKind, data: unknown, file: string): Issue[] {
  const declared = declaredKind(data);
  if (declared && declared !== schemaFileOf(kind)) {
    return [issue('file.kind', { file, path: '/$schema' }, { declared, kind: schemaFileOf(kind).replace('.schema.json', '') }, (data as { $schema: string }).$schema)];
  }
  const validate = validators[kind];
  if (validate(data)) return [];
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const error of (validate.errors ?? []) as ErrorObject[]) {
    const mapped = issueFromAjv(error, data, file, lookup);
    if (!mapped) continue;
    const key = `${mapped.code}|${mapped.path}|${JSON.stringify(mapped.params)}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(mapped);
    }
  }
  return out;
}

const schemaFileOf = (kind: DocumentKind): string => documentSchemas[kind].split('/').pop()!;

/** The schema file a document names in "$schema", if it names one of ours. */
function declaredKind(data: unknown): string | undefined {
  const declared = data && typeof data === 'object' ? (data as { $schema?: unknown }).$schema : undefined;
  if (typeof declared !== 'string') return undefined;
  const name = declared.split(/[/\\]/).pop() ?? '';
  return Object.values(documentSchemas).some((id) => id.endsWith(`/${name}`)) ? name : undefined;
}
