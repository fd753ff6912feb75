import { defineFieldType } from '../define-field-type';
import { ORDERED_OPERATORS } from '../operator-sets';
import { parseInteger } from '../parse-number';
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
  coerce: (raw) => {
    const value = parseInteger(raw);
    return value === undefined ? { ok: false, expected: 'a whole number (digits only)' } : { ok: true, value };
  },
  widget: 'number',
  sortSql: columnSort,
  format: (value, _field, locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Number(value)),
  check: (field, ctx) =>
    rangeIssues({ name: 'min', value: field.min ?? INT32.min }, { name: 'max', value: field.max ?? INT32.max }, ctx),
});
