import { defineFieldType } from '../define-field-type';
import { ORDERED_OPERATORS } from '../operator-sets';
import { parseDecimal, parseInteger } from '../parse-number';
import { rangeIssues } from '../range';
import { columnSort } from '../sort-sql';

// The column is a PostgreSQL integer, so values outside int32 could never be stored.
const INT32 = { min: -2147483648, max: 2147483647 };

/** A whole number (a 32-bit integer column). */
export const integerField = defineFieldType({
  name: 'integer',
  kind: 'number',
  valueSchema: (field) => ({ type: 'integer', minimum: field.min ?? INT32.min, maximum: field.max ?? INT32.max }),
  column: (field) => ({ sqlType: 'integer', notNull: field.required === true }),
  operators: ORDERED_OPERATORS,
  // A spreadsheet's cell may group thousands ("1,200"); a query string's value is read strictly.
  coerce: (raw, _field, source) => {
    const value = source === 'csv' ? parseDecimal(raw) : parseInteger(raw);
    return value === undefined || !Number.isSafeInteger(value)
      ? { ok: false, expected: source === 'csv' ? 'a whole number such as 1200 or 1,200' : 'a whole number (digits only)' } : { ok: true, value };
  },
  widget: 'number',
  sortSql: columnSort,
  format: (value, _field, locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Number(value)),
  // The number itself: no grouping separators for an import to misread.
  exportValue: (value) => Number(value),
  check: (field, ctx) =>
    rangeIssues({ name: 'min', value: field.min ?? INT32.min }, { name: 'max', value: field.max ?? INT32.max }, ctx),
});
