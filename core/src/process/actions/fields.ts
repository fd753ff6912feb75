import type { LocalIssue } from '../../errors/issue';
import type { EntityModel } from '../../model/app-model';
import { SCHEMA_BASE } from '@tessera/metadata';

/** The $id of an action's config schema. */
export const actionSchemaId = (name: string): string => `${SCHEMA_BASE}process-actions/${name}.schema.json`;

/** Checks that every key of a values object is a field the process may write (not system, not computed). */
export function checkWritableFields(values: Record<string, unknown>, entity: EntityModel, path: string, isComputed: (type: string) => boolean): LocalIssue[] {
  return Object.keys(values).flatMap((name): LocalIssue[] => {
    const field = Object.hasOwn(entity.fields, name) ? entity.fields[name] : undefined;
    if (!field) return [{ code: 'ref.field', path: `${path}/${name}`, params: { entity: entity.name, name, known: entity.fieldNames.filter((f) => !entity.fields[f]!.system) }, found: name }];
    if (field.system || isComputed(field.type)) {
      return [{ code: 'ref.fieldType', path: `${path}/${name}`, params: { name, type: field.type, wanted: 'a field that can be written', wantedZh: '可写入的字段' }, found: name }];
    }
    return [];
  });
}
