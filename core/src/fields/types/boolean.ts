import { defineFieldType } from '../define-field-type';
import { localize } from '../../i18n';
import { columnSort } from '../sort-sql';

const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否']);
const LABELS = { true: { en: 'Yes', 'zh-CN': '是' }, false: { en: 'No', 'zh-CN': '否' } };

/** Yes or no. */
export const booleanField = defineFieldType({
  name: 'boolean',
  kind: 'boolean',
  valueSchema: () => ({ type: 'boolean' }),
  column: (field) => ({ sqlType: 'boolean', notNull: field.required === true }),
  operators: ['$eq', '$ne', '$exists'],
  coerce: (raw) => {
    const text = raw.trim().toLowerCase();
    if (TRUE.has(text)) return { ok: true, value: true };
    if (FALSE.has(text)) return { ok: true, value: false };
    return { ok: false, expected: 'true or false (also 1/0, yes/no, y/n, 是/否)' };
  },
  widget: 'checkbox',
  sortSql: columnSort,
  format: (value, _field, locale) => localize(value === true ? LABELS.true : LABELS.false, locale),
  // Not the localized Yes/No: the same text in every language, for any tool to read back.
  exportValue: (value) => String(value === true),
});
