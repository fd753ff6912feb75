import { defineFieldType } from '../define-field-type';
import { dateKind } from '../kinds/date';
import { ORDERED_OPERATORS } from '../operator-sets';
import { parseDate } from '../parse-date';
import { columnSort } from '../sort-sql';

/** A calendar date, held as 'YYYY-MM-DD'. */
export const dateField = defineFieldType({
  name: 'date',
  kind: 'date',
  valueSchema: () => ({ type: 'string', format: 'date' }),
  column: (field) => ({ sqlType: 'date', notNull: field.required === true }),
  operators: ORDERED_OPERATORS,
  coerce: (raw) => {
    const value = parseDate(raw);
    return value === undefined ? { ok: false, expected: 'a real date such as 2024-05-01, 2024/5/1 or 2024年5月1日' } : { ok: true, value };
  },
  widget: 'date',
  sortSql: columnSort,
  format: (value) => String(dateKind.normalize(value)),
});
