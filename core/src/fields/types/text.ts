import { textMatchKey } from '../../duplicates/match-keys';
import { defineFieldType } from '../define-field-type';
import { TEXT_OPERATORS } from '../operator-sets';
import { rangeIssues } from '../range';
import { codePointSort } from '../sort-sql';
import { coerceText } from '../text-like';

/** A single line of text. */
export const textField = defineFieldType({
  name: 'text',
  kind: 'text',
  valueSchema: (field) => ({
    type: 'string',
    maxLength: field.maxLength ?? 255,
    ...(field.minLength === undefined ? {} : { minLength: field.minLength }),
    ...(field.pattern === undefined ? {} : { pattern: field.pattern }),
  }),
  column: (field) => ({ sqlType: 'varchar', length: field.maxLength ?? 255, notNull: field.required === true }),
  operators: TEXT_OPERATORS,
  coerce: coerceText,
  widget: 'text',
  sortSql: codePointSort,
  matchKey: textMatchKey,
  check: (field, ctx) =>
    rangeIssues({ name: 'minLength', value: field.minLength }, { name: 'maxLength', value: field.maxLength ?? 255 }, ctx),
});
