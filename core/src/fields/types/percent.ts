import { defineFieldType } from '../define-field-type';
import { ORDERED_OPERATORS } from '../operator-sets';
import { parseDecimal } from '../parse-number';
import { rangeIssues } from '../range';
import { columnSort } from '../sort-sql';

/** A percentage stored as 0 to 100 (12.5 means 12.5%), unless min and max say otherwise. */
export const percentField = defineFieldType({
  name: 'percent',
  kind: 'number',
  valueSchema: (field) => ({ type: 'number', minimum: field.min ?? 0, maximum: field.max ?? 100 }),
  column: (field) => ({ sqlType: 'numeric', precision: 9, scale: 4, notNull: field.required === true }),
  operators: ORDERED_OPERATORS,
  coerce: (raw) => {
    const value = parseDecimal(raw.trim().replace(/[%％]$/, ''));
    return value === undefined ? { ok: false, expected: 'a percentage such as 12.5 or 12.5%' } : { ok: true, value };
  },
  widget: 'percent',
  sortSql: columnSort,
  format: (value, _field, locale) =>
    new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(Number(value) / 100),
  // The stored number (12.5 for 12.5%), unrounded.
  exportValue: (value) => Number(value),
  check: (field, ctx) => rangeIssues({ name: 'min', value: field.min ?? 0 }, { name: 'max', value: field.max ?? 100 }, ctx),
});
