import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { schemas } from '@tessera/metadata';
import { schemaLookup } from './schema-lookup';

const BASE = 'https://tessera.dev/schemas/test/';
const fixture = [
  {
    $id: `${BASE}a.json`,
    $defs: {
      plain: { type: 'string', description: 'plain' },
      'slash/and~tilde': { type: 'number' },
      alias: { $ref: '#/$defs/plain' },
      described: { $ref: 'b.json#/$defs/target', description: 'an annotation: still followed' },
      constrained: { $ref: '#/$defs/plain', minLength: 2 },
    },
  },
  { $id: `${BASE}b.json`, $defs: { target: { type: 'object', properties: { x: { type: 'string' } } } } },
];

describe('schemaLookup', () => {
  const lookup = schemaLookup(fixture);

  it('finds a schema by its $id, with or without an empty fragment', () => {
    expect(lookup(`${BASE}a.json`)).toBe(fixture[0]);
    expect(lookup(`${BASE}b.json#`)).toBe(fixture[1]);
  });

  it('follows a JSON pointer, unescaping ~1, ~0 and percent-encoding', () => {
    expect(lookup(`${BASE}a.json#/$defs/plain`)).toEqual({ type: 'string', description: 'plain' });
    expect(lookup(`${BASE}a.json#/$defs/slash~1and~0tilde`)).toEqual({ type: 'number' });
    expect(lookup(`${BASE}a.json#/%24defs/slash~1and~0tilde`)).toEqual({ type: 'number' });
  });

  it('resolves a schema that is only a $ref (annotations aside) to its target, but not one with rules', () => {
    expect(lookup(`${BASE}a.json#/$defs/alias`)).toBe(fixture[0].$defs.plain);
    expect(lookup(`${BASE}a.json#/$defs/described`)).toBe(fixture[1].$defs.target);
    expect(lookup(`${BASE}a.json#/$defs/constrained`)).toBe(fixture[0].$defs.constrained);
  });

  it('answers undefined for an unknown $id, a missing pointer or a fragment that is not a pointer', () => {
    expect(lookup(`${BASE}c.json`)).toBeUndefined();
    expect(lookup(`${BASE}a.json#/$defs/none`)).toBeUndefined();
    expect(lookup(`${BASE}a.json#/$defs/plain/type`)).toBeUndefined();
    expect(lookup(`${BASE}a.json#anchor`)).toBeUndefined();
  });
});

/** Every $ref of the metadata schemas, made absolute against the $id of the schema that holds it. */
function allRefs(): string[] {
  const refs = new Set<string>();
  const walk = (node: unknown, base: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, base));
    if (!node || typeof node !== 'object') return;
    const { $ref } = node as { $ref?: unknown };
    if (typeof $ref === 'string') refs.add(new URL($ref, base).toString());
    for (const value of Object.values(node)) walk(value, base);
  };
  for (const schema of schemas) {
    refs.add(String(schema.$id));
    walk(schema, String(schema.$id));
  }
  return [...refs].sort();
}

describe('schemaLookup over the metadata schemas', () => {
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, discriminator: true, verbose: true }));
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  for (const schema of schemas) ajv.addSchema(schema);
  const lookup = schemaLookup(schemas);
  const refs = allRefs();

  it('covers refs into other files and into $defs', () => {
    expect(refs.filter((r) => r.includes('#/')).length).toBeGreaterThan(10);
    expect(refs.length).toBeGreaterThan(schemas.length);
  });

  it.each(refs)('finds %s as ajv.getSchema does', (ref) => {
    const found = lookup(ref);
    expect(found).toBeDefined();
    expect(found).toEqual(ajv.getSchema(ref)?.schema);
  });
});
