import { defineFieldType } from '../define-field-type';
import { duplicateOptionIssues, expectedOption, LIST_SEPARATORS, optionLabel, optionValues, resolveOption } from '../options';

/** Several values from a list of options; not sortable. */
export const multiPicklistField = defineFieldType({
  name: 'multiPicklist',
  kind: 'textList',
  valueSchema: (field) => ({
    type: 'array',
    items: { type: 'string', enum: optionValues(field.options) },
    uniqueItems: true,
    ...(field.maxItems === undefined ? {} : { maxItems: field.maxItems }),
  }),
  column: (field) => ({ sqlType: 'text[]', notNull: field.required === true }),
  operators: ['$contains', '$exists'],
  coerce: (raw, field, source) => {
    const values: string[] = [];
    for (const part of raw.split(LIST_SEPARATORS).map((p) => p.trim()).filter((p) => p !== '')) {
      const value = resolveOption(field.options, part, source);
      if (value === undefined) return { ok: false, expected: `values separated by ; or , each ${expectedOption(field.options)}` };
      if (!values.includes(value)) values.push(value);
    }
    return { ok: true, value: values };
  },
  widget: 'multiSelect',
  format: (value, field, locale) =>
    (Array.isArray(value) ? value : [value])
      .map((v) => optionLabel(field.options, String(v), locale))
      .join(locale.startsWith('zh') ? '、' : ', '),
  // One separator in every language, which the coercion above splits on.
  exportValue: (value, field, locale) =>
    (Array.isArray(value) ? value : [value]).map((v) => optionLabel(field.options, String(v), locale)).join('; '),
  check: (field, ctx) => duplicateOptionIssues(field.options, ctx),
});
