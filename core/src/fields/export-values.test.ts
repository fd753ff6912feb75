import type { FieldTypeName } from '../model/app-model';
import { fieldTypes } from './builtins';
import { exportValueOf, type ExportValue, type FieldOf } from './field-type';

/** [stored value (as the API shows it), export in English, export in Simplified Chinese]. */
type Row = readonly [unknown, ExportValue, ExportValue];

interface Cases<N extends FieldTypeName> {
  readonly field: FieldOf<N>;
  readonly rows: readonly Row[];
}

const UUID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const PICK = ['new', { value: 'won', label: { en: 'Won', 'zh-CN': '赢单' } }, { value: 'lost', label: { en: 'Lost' } }];
const text = (value: string): Row => [value, value, value];

/**
 * The export contract the import reads back (one row per type but the write-only password): numbers as numbers,
 * true/false, ISO dates and instants in UTC, option labels in the file's language, ids, JSON text.
 */
const cases: { [N in Exclude<FieldTypeName, 'password'>]: Cases<N> } = {
  text: { field: { type: 'text' }, rows: [text('Hello, "world"'), text('上海')] },
  longText: { field: { type: 'longText' }, rows: [text('a\nb')] },
  richText: { field: { type: 'richText' }, rows: [text('<p>Hi</p>')] },
  email: { field: { type: 'email' }, rows: [text('a@x.com')] },
  phone: { field: { type: 'phone' }, rows: [text('+86 138')] },
  url: { field: { type: 'url' }, rows: [text('https://x.org')] },
  integer: { field: { type: 'integer' }, rows: [[1234567, 1234567, 1234567], [-5, -5, -5]] },
  decimal: { field: { type: 'decimal', scale: 6 }, rows: [[1234.5, 1234.5, 1234.5], [0.000001, 0.000001, 0.000001]] },
  currency: { field: { type: 'currency' }, rows: [[1234567.89, 1234567.89, 1234567.89]] },
  percent: { field: { type: 'percent' }, rows: [[12.5, 12.5, 12.5], [33.3333, 33.3333, 33.3333]] },
  boolean: { field: { type: 'boolean' }, rows: [[true, 'true', 'true'], [false, 'false', 'false']] },
  date: { field: { type: 'date' }, rows: [text('2026-11-23')] },
  datetime: { field: { type: 'datetime' }, rows: [text('2026-11-23T10:00:00.000Z'), ['2026-11-23 18:00:00.123+08', '2026-11-23T10:00:00.123Z', '2026-11-23T10:00:00.123Z']] },
  picklist: { field: { type: 'picklist', options: PICK }, rows: [['won', 'Won', '赢单'], text('new'), ['lost', 'Lost', 'Lost']] },
  multiPicklist: { field: { type: 'multiPicklist', options: PICK }, rows: [[['new', 'won', 'lost'], 'new; Won; Lost', 'new; 赢单; Lost']] },
  lookup: { field: { type: 'lookup', target: 'account' }, rows: [text(UUID)] },
  masterDetail: { field: { type: 'masterDetail', target: 'account' }, rows: [text(UUID)] },
  user: { field: { type: 'user' }, rows: [text(UUID)] },
  json: { field: { type: 'json' }, rows: [[{ a: [1, '二'] }, '{"a":[1,"二"]}', '{"a":[1,"二"]}'], ['x', '"x"', '"x"']] },
  autonumber: { field: { type: 'autonumber' }, rows: [text('Q-0001')] },
  formula: { field: { type: 'formula', expression: '1', resultType: 'datetime' }, rows: [text('2026-11-23T10:00:00.000Z')] },
  roles: { field: { type: 'roles' }, rows: [[['admin', 'sales_rep'], 'admin; sales_rep', 'admin; sales_rep']] },
};

describe.each(Object.entries(cases))('%s', (name, c: Cases<FieldTypeName>) => {
  const type = fieldTypes.get(name as FieldTypeName);

  test.each(c.rows)('exports %p', (value, en, zh) => {
    expect(exportValueOf(type, value, c.field as never, 'en')).toEqual(en);
    expect(exportValueOf(type, value, c.field as never, 'zh-CN')).toEqual(zh);
  });

  // What the import does with a cell: the export's text, coerced as CSV text, is the value again.
  test.each(c.rows)('reads %p back from its export', (value, en, zh) => {
    const expected = type.valueKind(c.field as never) === 'datetime' ? en : value;
    for (const exported of [en, zh]) expect(type.coerce(String(exported), c.field as never, 'csv')).toEqual({ ok: true, value: expected });
  });
});
