import type { ErrorObject } from 'ajv/dist/2020';
import type { IssueCode } from '../errors/catalogue';
import { issue, type Issue } from '../errors/issue';

/** Finds a schema by its $id (and fragment), to describe what was allowed. */
export type SchemaLookup = (ref: string) => Record<string, unknown> | undefined;

type Mapped = { code: IssueCode; path?: string; params: Record<string, unknown>; found?: unknown; noFound?: boolean };
type Mapper = (e: ErrorObject, lookup: SchemaLookup) => Mapped | undefined;

const pointer = (base: string, key: string) => `${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
const comparison = (keyword: string) => (keyword.startsWith('min') ? '≥' : keyword.startsWith('max') ? '≤' : keyword === 'exclusiveMinimum' ? '>' : '<');
const unit = (keyword: string) => (keyword.endsWith('Items') ? 'items' : keyword.endsWith('Properties') ? 'properties' : 'characters');
const length: Mapper = (e) => ({ code: 'schema.length', params: { comparison: comparison(e.keyword), limit: e.params.limit, unit: unit(e.keyword) } });
const range: Mapper = (e) => ({ code: 'schema.range', params: { comparison: comparison(e.keyword), limit: e.params.limit } });

/** One mapper per ajv keyword: what the catalogue calls it, where it points, and what was allowed. */
const mappers: Record<string, Mapper> = {
  required: (e) => ({ code: 'schema.required', params: { property: e.params.missingProperty }, noFound: true }),
  additionalProperties: (e, lookup) => unknownProperty(e, e.params.additionalProperty, lookup),
  unevaluatedProperties: (e, lookup) => unknownProperty(e, e.params.unevaluatedProperty, lookup),
  type: (e) => ({ code: 'schema.type', params: { type: e.params.type } }),
  enum: (e) => ({ code: 'schema.enum', params: { allowed: e.params.allowedValues } }),
  const: (e) => ({ code: 'schema.const', params: { allowed: e.params.allowedValue } }),
  pattern: (e) => ({
    code: 'schema.pattern',
    params: { pattern: e.params.pattern, ...(typeof e.parentSchema?.description === 'string' ? { hint: e.parentSchema.description } : {}) },
  }),
  format: (e) => ({ code: 'schema.format', params: { format: e.params.format } }),
  minimum: range, maximum: range, exclusiveMinimum: range, exclusiveMaximum: range,
  minLength: length, maxLength: length, minItems: length, maxItems: length, minProperties: length, maxProperties: length,
  uniqueItems: (e) => ({ code: 'schema.uniqueItems', params: { i: e.params.j, j: e.params.i } }),
  discriminator: (e, lookup) =>
    e.params.error === 'tag'
      ? { code: 'schema.required', params: { property: e.params.tag }, noFound: true }
      : { code: 'schema.unknownType', path: pointer(e.instancePath, e.params.tag), params: { tag: e.params.tag, value: e.params.tagValue, allowed: tagValues(e, lookup) }, found: e.params.tagValue },
  // The branch that failed reports its own errors; these wrappers add nothing.
  if: () => undefined,
  propertyNames: () => undefined,
};

/** Maps one ajv error to a catalogue issue, or undefined for wrapper errors that repeat what others say. */
export function issueFromAjv(e: ErrorObject, data: unknown, file: string, lookup: SchemaLookup): Issue | undefined {
  const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
  const mapped = (mappers[e.keyword] ?? fallback)(e, lookup);
  if (!mapped) return undefined;
  const path = mapped.path ?? (propertyName === undefined ? e.instancePath : pointer(e.instancePath, propertyName));
  const found = mapped.noFound ? undefined : 'found' in mapped ? mapped.found : propertyName ?? valueAt(data, path);
  return issue(mapped.code, { file, path }, mapped.params, found);
}

const fallback: Mapper = (e) => ({ code: 'schema.invalid', params: { reason: e.message ?? e.keyword } });

function unknownProperty(e: ErrorObject, property: string, lookup: SchemaLookup): Mapped {
  const allowed = allowedProperties(e.parentSchema as Record<string, unknown> | undefined, e.schemaPath, lookup);
  return { code: 'schema.unknownProperty', path: pointer(e.instancePath, property), params: { property, ...(allowed.length ? { allowed } : {}) }, found: property };
}

/** The property names a schema (and the schema its $ref names) declares. */
function allowedProperties(schema: Record<string, unknown> | undefined, schemaPath: string, lookup: SchemaLookup): string[] {
  if (!schema) return [];
  const own = Object.keys((schema.properties as object | undefined) ?? {});
  const ref = typeof schema.$ref === 'string' ? lookup(resolveRef(schema.$ref, schemaPath, lookup)) : undefined;
  return [...new Set([...Object.keys((ref?.properties as object | undefined) ?? {}), ...own])].filter((p) => p !== '$schema');
}

function resolveRef(ref: string, schemaPath: string, lookup: SchemaLookup): string {
  const base = schemaPath.split('#')[0];
  if (base && lookup(base)) return new URL(ref, base).toString();
  return new URL(ref, 'https://tessera.dev/schemas/field-types/x.json').toString();
}

/** The values a discriminated union accepts for its tag, read from its branches. */
function tagValues(e: ErrorObject, lookup: SchemaLookup): string[] {
  const parent = e.parentSchema as { $id?: string; oneOf?: { $ref: string }[] } | undefined;
  const base = parent?.$id ?? 'https://tessera.dev/schemas/';
  return (parent?.oneOf ?? []).map((b) => {
    const branch = lookup(new URL(b.$ref, base).toString()) as { properties?: Record<string, { const?: string }> } | undefined;
    return branch?.properties?.[e.params.tag]?.const ?? '';
  }).filter(Boolean);
}

/** The value at a JSON pointer, or undefined. */
export function valueAt(data: unknown, path: string): unknown {
  let value = data;
  for (const raw of path.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
