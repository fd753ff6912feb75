import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { documentSchemas, schemas, type DocumentKind } from '@tessera/metadata';
import { issue, type Issue } from '../errors/issue';
import { issueFromAjv, type SchemaLookup } from './ajv-issues';

let compiled: { validators: Map<DocumentKind, ValidateFunction>; lookup: SchemaLookup } | undefined;

/** One ajv instance for every metadata schema, compiled once per process (and once per page in the browser). */
function compile(): NonNullable<typeof compiled> {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, discriminator: true, verbose: true });
  addFormats(ajv);
  // A type hint for json-schema-to-typescript; it carries no validation.
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  for (const schema of schemas) ajv.addSchema(schema);
  const validators = new Map<DocumentKind, ValidateFunction>();
  for (const [kind, id] of Object.entries(documentSchemas) as [DocumentKind, string][]) validators.set(kind, ajv.getSchema(id)!);
  const lookup: SchemaLookup = (ref) => ajv.getSchema(ref)?.schema as Record<string, unknown> | undefined;
  compiled = { validators, lookup };
  return compiled;
}

/** Validates a metadata document against its kind's schema; every error becomes an issue with its JSON pointer. */
export function validateDocument(kind: DocumentKind, data: unknown, file: string): Issue[] {
  const { validators, lookup } = compile();
  const declared = declaredKind(data);
  if (declared && declared !== schemaFileOf(kind)) {
    return [issue('file.kind', { file, path: '/$schema' }, { declared, kind: schemaFileOf(kind).replace('.schema.json', '') }, (data as { $schema: string }).$schema)];
  }
  const validate = validators.get(kind)!;
  if (validate(data)) return [];
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const error of validate.errors as ErrorObject[]) {
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
