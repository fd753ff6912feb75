import { phoneMatchKey } from '../../duplicates/match-keys';
import { defineFieldType } from '../define-field-type';
import { TEXT_OPERATORS } from '../operator-sets';
import { codePointSort } from '../sort-sql';
import { coerceText } from '../text-like';

/** Digits with an optional leading +, spaces, dashes, dots and parentheses, then an optional extension (x, ext., #, 转). */
const PHONE = '^\\+?[0-9(][0-9 ().-]*[0-9]( ?(x|ext\\.?|#|转) ?[0-9]{1,6})?$';

/** A telephone number. */
export const phoneField = defineFieldType({
  name: 'phone',
  kind: 'text',
  valueSchema: () => ({ type: 'string', pattern: PHONE, maxLength: 40 }),
  column: (field) => ({ sqlType: 'varchar', length: 40, notNull: field.required === true }),
  operators: TEXT_OPERATORS,
  coerce: coerceText,
  widget: 'phone',
  sortSql: codePointSort,
  matchKey: phoneMatchKey,
});
