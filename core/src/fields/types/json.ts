import { defineFieldType } from '../define-field-type';

/** Free-form JSON data: only tested for presence, never sorted. */
export const jsonField = defineFieldType({
  name: 'json',
  kind: 'json',
  valueSchema: () => ({}),
  column: (field) => ({ sqlType: 'jsonb', notNull: field.required === true }),
  operators: ['$exists'],
  coerce: (raw) => {
    try {
      return { ok: true, value: JSON.parse(raw) as unknown };
    } catch {
      return { ok: false, expected: 'JSON text' };
    }
  },
  widget: 'json',
  format: (value) => JSON.stringify(value),
});
