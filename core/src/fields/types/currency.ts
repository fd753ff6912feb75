import { defineFieldType } from '../define-field-type';
import { ORDERED_OPERATORS } from '../operator-sets';
import { parseDecimal } from '../parse-number';
import { rangeIssues } from '../range';
import { columnSort } from '../sort-sql';

/** An amount of money with two decimals, formatted in the field's currency (CNY unless set). */
export const currencyField = defineFieldType({
  name: 'currency',
  kind: 'number',
  valueSchema: (field) => ({
    type: 'number',
    ...(field.min === undefined ? {} : { minimum: field.min }),
    ...(field.max === undefined ? {} : { maximum: field.max }),
  }),
  column: (field) => ({ sqlType: 'numeric', precision: 18, scale: 2, notNull: field.required === true }),
  operators: ORDERED_OPERATORS,
  coerce: (raw) => {
    const value = parseDecimal(raw);
    return value === undefined ? { ok: false, expected: 'an amount such as 1234.56, 1,234.56 or ¥1,234.56' } : { ok: true, value };
  },
  widget: 'currency',
  sortSql: columnSort,
  format: (value, field, locale) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: field.currency ?? 'CNY' }).format(Number(value)),
  // The amount alone: the currency is the field's, and a symbol would make the cell text.
  exportValue: (value) => Number(value),
  check: (field, ctx) => rangeIssues({ name: 'min', value: field.min }, { name: 'max', value: field.max }, ctx),
});
