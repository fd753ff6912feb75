import { createFormValidator, entityForm, fieldTypes, type AppModel, type EntityModel, type FieldModel } from '@tessera/core';
import fc from 'fast-check';

type Schema = Record<string, unknown>;

const ajv = createFormValidator();
const fits = (schema: Schema, value: unknown): boolean => ajv.validate(schema, value) === true;

/** The entity a reference field (lookup, masterDetail, user) points to, as the field registry tells; undefined for other fields. */
export const targetOf = (field: FieldModel): string | undefined => fieldTypes.get(field.type).target?.(field.definition as never);

/** The create form's JSON Schema of an entity: a property schema per field, and the fields a create must give. */
export function createSchema(app: AppModel, entity: string): { properties: Record<string, Schema>; required: string[] } {
  const schema = entityForm(app, entity, { locale: 'en', variant: 'create' }).schema as { properties: Record<string, Schema>; required?: string[] };
  return { properties: schema.properties, required: schema.required ?? [] };
}

/** The fields a client may write: not system, not computed, not read-only (the form marks them). */
export function writableFields(app: AppModel, entity: EntityModel): FieldModel[] {
  const { properties } = createSchema(app, entity.name);
  return entity.fieldNames.map((n) => entity.fields[n]!).filter((f) => !f.system && properties[f.name] && properties[f.name]!.readOnly !== true);
}

const clamp = (value: number, schema: Schema): number => {
  const min = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : (schema.minimum as number | undefined);
  const max = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - 1 : (schema.maximum as number | undefined);
  return Math.min(Math.max(value, min ?? -Infinity), max ?? Infinity);
};

const typesOf = (schema: Schema): string[] => (Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type]) as string[];

/**
 * A value that passes a field's JSON Schema, distinct for each `n` where the schema allows it: the field's default
 * or first option for a choice, a number near 10 within its bounds, and for text the first of a few common shapes
 * (words, an identifier, a mobile number, an e-mail, a URL, a date) that fits, else a string generated from its pattern.
 */
export function sampleValue(schema: Schema, field: FieldModel, n: number): unknown {
  const def = (field.definition as { default?: unknown }).default;
  const choices: unknown[] | undefined = (schema.enum as unknown[] | undefined)?.filter((v) => v !== null);
  if (choices?.length) return choices.includes(def) ? def : choices[0];
  const types = typesOf(schema);
  if (types.includes('boolean')) return typeof def === 'boolean' ? def : false;
  if (types.includes('integer')) return Math.round(clamp(10 + (n % 7), schema));
  if (types.includes('number')) return clamp(10 + (n % 7), schema);
  if (types.includes('array')) {
    const items = (schema.items ?? {}) as Schema;
    return Array.isArray(items.enum) ? [items.enum[0]] : [];
  }
  if (!types.includes('string')) return {};
  const shapes = [
    `Test ${field.entity} ${n}`, `test_${field.entity}_${n}`, `139${String(n).padStart(8, '0')}`, `crm.test${n}@example.com`,
    `https://example.com/${field.entity}/${n}`, `2030-0${1 + (n % 9)}-15`, `2030-06-15T08:${String(n % 60).padStart(2, '0')}:00.000Z`,
  ];
  const shape = shapes.find((s) => fits(schema, s));
  if (shape !== undefined) return shape;
  if (typeof schema.pattern === 'string') {
    const samples = fc.sample(fc.stringMatching(new RegExp(schema.pattern as string)), { seed: n, numRuns: 200 });
    const found = samples.find((s) => fits(schema, s));
    if (found !== undefined) return found;
  }
  throw new Error(`no sample value for ${field.entity}.${field.name}: ${JSON.stringify(schema)}`);
}

/** Another valid value for a field, different from `before` when the schema allows it. */
export function otherValue(schema: Schema, field: FieldModel, before: unknown, n: number): unknown {
  const choices = (schema.enum as unknown[] | undefined)?.filter((v) => v !== null && v !== before);
  if (choices?.length) return choices[0];
  if (typesOf(schema).includes('boolean')) return before !== true;
  for (let i = 1; i < 20; i++) {
    const value = sampleValue(schema, field, n + i * 1000);
    if (value !== before) return value;
  }
  return before;
}

/** A field to update in a smoke test: writable, not a reference, named by no validation or duplicate rule; text first, then numbers, then the rest. */
export function fieldToUpdate(app: AppModel, entity: EntityModel): FieldModel | undefined {
  const ruled = JSON.stringify([entity.rules.map((r) => r.when), entity.duplicateRules]);
  const { properties } = createSchema(app, entity.name);
  const candidates = writableFields(app, entity).filter((f) => !targetOf(f) && !ruled.includes(`"${f.name}"`) && !(f.definition as { unique?: boolean }).unique);
  const rank = (f: FieldModel): number => {
    const s = properties[f.name]!;
    if (typesOf(s).includes('string') && !s.enum && !s.format && !s.pattern) return 0;
    if (typesOf(s).some((t) => t === 'number' || t === 'integer')) return 1;
    return 2;
  };
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0];
}

/** Whether two values are the same field value, as sent and as read back (numbers may come back as decimal strings). */
export function sameValue(sent: unknown, got: unknown): boolean {
  if (typeof sent === 'number') return Number(got) === sent;
  if (typeof sent === 'string' && typeof got === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(sent)) return new Date(sent).getTime() === new Date(got).getTime();
  return JSON.stringify(sent) === JSON.stringify(got);
}
