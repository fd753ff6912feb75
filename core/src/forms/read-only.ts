import type { JsonSchema } from '../fields/field-type';

const readOnlyNames = (schema: JsonSchema): Set<string> => {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return new Set(Object.keys(properties).filter((name) => properties[name]!.readOnly === true));
};

/** JSON pointers of the read-only properties a body sets (the server rejects them: clients never write them). */
export function readOnlyViolations(schema: JsonSchema, body: Readonly<Record<string, unknown>>): string[] {
  const names = readOnlyNames(schema);
  return Object.keys(body).filter((name) => names.has(name)).map((name) => `/${name}`);
}

/** The data without its read-only properties: what a client sends back from a form. */
export function omitReadOnly<T extends Readonly<Record<string, unknown>>>(schema: JsonSchema, data: T): Partial<T> {
  const names = readOnlyNames(schema);
  return Object.fromEntries(Object.entries(data).filter(([name]) => !names.has(name))) as Partial<T>;
}
