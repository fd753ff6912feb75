import { SCHEMA_BASE } from '@tessera/metadata';
import type { LocalIssue } from '../../errors/issue';
import { parseFormula } from '../../formulas/parse';
import type { AppModel, EntityModel } from '../../model/app-model';

/** The $id of an action's config schema. */
export const actionSchemaId = (name: string): string => `${SCHEMA_BASE}process-actions/${name}.schema.json`;

/** A value an action computes from the process's record: {"formula": "amount * 0.9"}. */
export const isFormulaValue = (v: unknown): v is { formula: string } =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { formula?: unknown }).formula === 'string';

/** A value an action copies from a field of the process's record, system fields included: {"field": "id"}. */
export const isFieldValue = (v: unknown): v is { field: string } =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { field?: unknown }).field === 'string';

/**
 * Checks an action's values: every key a field the process may write (not system, not computed), and every
 * computed value a formula or a field of the process's own record (`source`) that parses.
 */
export function checkWritableFields(
  values: Record<string, unknown>, entity: EntityModel, path: string, isComputed: (type: string) => boolean, source: { app: AppModel; entity: EntityModel },
): LocalIssue[] {
  return Object.keys(values).flatMap((name): LocalIssue[] => {
    const field = Object.hasOwn(entity.fields, name) ? entity.fields[name] : undefined;
    if (!field) return [{ code: 'ref.field', path: `${path}/${name}`, params: { entity: entity.name, name, known: entity.fieldNames.filter((f) => !entity.fields[f]!.system) }, found: name }];
    if (field.system || isComputed(field.type)) {
      return [{ code: 'ref.fieldType', path: `${path}/${name}`, params: { name, type: field.type, wanted: 'a field that can be written', wantedZh: '可写入的字段' }, found: name }];
    }
    const value = values[name];
    if (isFormulaValue(value)) {
      const parsed = parseFormula(source.app, source.entity.name, value.formula);
      return parsed.ok ? [] : parsed.issues.map((i): LocalIssue => ({ code: i.code, path: `${path}/${name}/formula`, params: i.params, found: i.found }));
    }
    if (isFieldValue(value) && !Object.hasOwn(source.entity.fields, value.field)) {
      return [{ code: 'ref.field', path: `${path}/${name}/field`, params: { entity: source.entity.name, name: value.field, known: source.entity.fieldNames }, found: value.field }];
    }
    return [];
  });
}
