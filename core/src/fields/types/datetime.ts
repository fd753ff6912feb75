import { defineFieldType } from '../define-field-type';
import { datetimeKind } from '../kinds/datetime';
import { ORDERED_OPERATORS } from '../operator-sets';
import { parseDatetime } from '../parse-date';
import { columnSort } from '../sort-sql';

const pad = (n: number): string => String(n).padStart(2, '0');

/** A point in time; shown in the local time zone as 'YYYY-MM-DD HH:mm'. */
export const datetimeField = defineFieldType({
  name: 'datetime',
  kind: 'datetime',
  valueSchema: () => ({ type: 'string', format: 'date-time' }),
  column: (field) => ({ sqlType: 'timestamptz', notNull: field.required === true }),
  operators: ORDERED_OPERATORS,
  coerce: (raw) => {
    const value = parseDatetime(raw);
    return value === undefined ? { ok: false, expected: 'an ISO 8601 date-time with a time zone, such as 2024-05-01T09:30:00+08:00' } : { ok: true, value };
  },
  widget: 'datetime',
  sortSql: columnSort,
  format: (value) => {
    const d = new Date(String(datetimeKind.normalize(value)));
    if (Number.isNaN(d.getTime())) return String(value);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  },
  // ISO 8601 in UTC to the millisecond, not the local minute the display shows: an import gets the same instant back.
  exportValue: (value) => String(datetimeKind.normalize(value)),
});
