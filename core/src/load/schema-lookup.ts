import type { SchemaLookup } from './ajv-issues';

type Schema = Record<string, unknown>;

/** Keywords that validate nothing: a $ref beside only these is followed, as ajv resolves a ref to such a schema. */
const ANNOTATIONS = new Set(['$id', '$schema', '$defs', 'definitions', '$anchor', '$vocabulary', 'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly']);

/** Finds a schema by "$id" or "$id#/json/pointer" among the given schemas, without an ajv instance. */
export function schemaLookup(schemas: readonly Schema[]): SchemaLookup {
  const byId = new Map(schemas.map((s) => [String(s.$id), s]));
  const lookup: SchemaLookup = (ref) => {
    const [base = '', fragment] = ref.split('#', 2);
    const root = byId.get(base);
    if (!root || !fragment) return root;
    const found = atPointer(root, fragment);
    return found && isOnlyRef(found) ? lookup(new URL(found.$ref as string, base).toString()) : found;
  };
  return lookup;
}

function atPointer(root: Schema, fragment: string): Schema | undefined {
  if (!fragment.startsWith('/')) return undefined;
  let at: unknown = root;
  for (const part of fragment.slice(1).split('/')) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Schema)[key];
  }
  return at !== null && typeof at === 'object' && at !== root ? (at as Schema) : undefined;
}

const isOnlyRef = (schema: Schema): boolean =>
  typeof schema.$ref === 'string' && Object.keys(schema).every((k) => k === '$ref' || ANNOTATIONS.has(k));
