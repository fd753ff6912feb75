import { defineFieldType } from '../define-field-type';
import { TEXT_OPERATORS } from '../operator-sets';
import { codePointSort } from '../sort-sql';
import { coerceText } from '../text-like';

/** A number assigned on insert from a sequence and formatted by a pattern (Q-{YYYY}-{0000}). */
export const autonumberField = defineFieldType({
  name: 'autonumber',
  kind: 'text',
  valueSchema: () => ({ type: 'string' }),
  column: (field) => ({
    sqlType: 'varchar',
    length: 64,
    notNull: field.required === true,
    autonumber: { format: field.format ?? '{000000}', start: field.start ?? 1 },
  }),
  operators: TEXT_OPERATORS,
  coerce: coerceText,
  widget: 'readOnly',
  sortSql: codePointSort,
  computed: true,
});
