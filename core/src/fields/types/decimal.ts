import { defineFieldType } from '../define-field-type';
import { ORDERED_OPERATORS } from '../operator-sets';
import { parseDecimal } from '../parse-number';
import { rangeIssues } from '../range';
import { columnSort } from '../sort-sql';

/** An exact decimal number. */
export const decimalField = defineFieldType({
  name: 'decimal',
  kind: 'number',
  valueSchema: (field) => ({
    type: 'number',
    ...(field.min === undefined ? {} : { minimum: field.min }),
    ...(field.max === undefined ? {} : { maximum: field.max }),
  }),
  column: (field) => ({ sqlType: 'numeric', precision: field.precision ?? 18, scale: field.scale ?? 4, notNull: field.required === true }),
  operators: ORDERED_OPERATORS,
  coerce: (raw) => {
    const value = parseDecimal(raw);
    return value === undefined ? { ok: false, expected: 'a number such as 1234.56 or 1,234.56' } : { ok: true, value };
  },
  widget: 'number',
  sortSql: columnSort,
  format: (value, field, locale) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: field.scale ?? 4 }).format(Number(value)),
  exportValue: (value) => Number(value),
  check: (field, ctx) => rangeIssues({ name: 'min', value: field.min }, { name: 'max', value: field.max }, ctx),
});
