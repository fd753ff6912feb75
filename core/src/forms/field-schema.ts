import type { JsonSchema } from '../fields/field-type';
import { fieldTypes } from '../fields/builtins';
import { humanize, localize } from '../i18n';
import type { AppModel, FieldModel } from '../model/app-model';

/** Whether clients may never write the field: system fields, computed fields and fields marked readOnly. */
export const isReadOnly = (field: FieldModel): boolean =>
  field.system || fieldTypes.get(field.type).computed || field.definition.readOnly === true;

/** Whether a create must give the field. */
export const isRequiredOnCreate = (field: FieldModel): boolean => field.required && !isReadOnly(field);

/** A field's label in a language. */
export const fieldLabel = (field: FieldModel, locale: string): string => localize(field.label, locale, humanize(field.name));

/** The JSON Schema of one property: the type's value schema, null allowed unless required, title, help and access. */
export function fieldSchema(field: FieldModel, locale: string, app: AppModel): JsonSchema {
  const type = fieldTypes.get(field.type);
  const value = type.valueSchema(field.definition as never, locale, app);
  const help = localize(field.definition.help ?? field.definition.description, locale);
  return {
    ...(field.required || type.neverNull ? value : nullable(value)),
    title: fieldLabel(field, locale),
    ...(help ? { description: help } : {}),
    ...(isReadOnly(field) ? { readOnly: true } : {}),
    ...(type.writeOnly ? { writeOnly: true } : {}),
  };
}

// A schema with no "type" (json) already accepts null; "enum" must list null or it would reject it anyway.
function nullable(schema: JsonSchema): JsonSchema {
  const { type, enum: options } = schema;
  if (type === undefined) return schema;
  const types = Array.isArray(type) ? type : [type];
  return {
    ...schema,
    type: types.includes('null') ? types : [...types, 'null'],
    ...(Array.isArray(options) && !options.includes(null) ? { enum: [...options, null] } : {}),
  };
}
