import { defineFieldType } from '../define-field-type';
import { EQUALITY_OPERATORS } from '../operator-sets';
import { duplicateOptionIssues, expectedOption, optionLabel, optionValues, resolveOption } from '../options';

/** One value from a list of options; sorted by the options' order, values outside the list last. */
export const picklistField = defineFieldType({
  name: 'picklist',
  kind: 'text',
  valueSchema: (field) => ({ type: 'string', enum: optionValues(field.options) }),
  column: (field) => ({ sqlType: 'varchar', length: 100, notNull: field.required === true }),
  operators: EQUALITY_OPERATORS,
  coerce: (raw, field, source) => {
    const value = resolveOption(field.options, raw.trim(), source);
    return value === undefined ? { ok: false, expected: expectedOption(field.options) } : { ok: true, value };
  },
  widget: 'select',
  // array_position gives NULL for a value outside the options, and NULLs sort last in ascending order.
  sortSql: (column, field) => ({ sql: `array_position(cast(? as text[]), ${column.sql})`, bindings: [optionValues(field.options), ...column.bindings] }),
  compare: (a, b, field) => {
    const values = optionValues(field.options);
    const rank = (v: unknown) => {
      const i = values.indexOf(String(v));
      return i < 0 ? values.length : i;
    };
    return Math.sign(rank(a) - rank(b));
  },
  format: (value, field, locale) => optionLabel(field.options, String(value), locale),
  check: (field, ctx) => duplicateOptionIssues(field.options, ctx),
});
