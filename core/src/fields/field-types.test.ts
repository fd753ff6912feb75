import Ajv2020 from 'ajv/dist/2020';
import AjvDraft7 from 'ajv';
import addFormats from 'ajv-formats';
import type { OperatorName } from '../conditions/ast';
import type { FieldTypeName } from '../model/app-model';
import { createAppModel } from '../model/create-app-model';
import { toNumberedParams } from '../sql/fragment';
import type { ColumnSpec, FieldOf, FieldType, WidgetName } from './field-type';
import { autonumberField } from './types/autonumber';
import { booleanField } from './types/boolean';
import { currencyField } from './types/currency';
import { dateField } from './types/date';
import { datetimeField } from './types/datetime';
import { decimalField } from './types/decimal';
import { emailField } from './types/email';
import { integerField } from './types/integer';
import { jsonField } from './types/json';
import { longTextField } from './types/long-text';
import { lookupField } from './types/lookup';
import { masterDetailField } from './types/master-detail';
import { multiPicklistField } from './types/multi-picklist';
import { percentField } from './types/percent';
import { phoneField } from './types/phone';
import { picklistField } from './types/picklist';
import { richTextField } from './types/rich-text';
import { textField } from './types/text';
import { urlField } from './types/url';
import { userField } from './types/user';
import { valueKinds } from './value-kinds';

/** A coercion that must fail. */
const FAIL = Symbol('fail');
type CoerceRow = readonly [source: 'query' | 'csv' | 'both', raw: string, expected: unknown];

/** Everything one field type must do, as data. */
interface Cases<N extends FieldTypeName> {
  readonly type: FieldType<N>;
  readonly field: FieldOf<N>;
  readonly coerce: readonly CoerceRow[];
  /** Values the value schema accepts, and values it refuses. */
  readonly valid: readonly unknown[];
  readonly invalid: readonly unknown[];
  readonly column: ColumnSpec;
  readonly operators: readonly OperatorName[];
  readonly widget: WidgetName;
  readonly computed?: true;
  /** [value, English, Simplified Chinese]. */
  readonly format: readonly (readonly [unknown, string, string])[];
  /** Distinct values in ascending order; absent when the type cannot be sorted. */
  readonly sorted?: readonly unknown[];
}

const TEXT_OPS: OperatorName[] = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$contains', '$startsWith', '$exists'];
const LONG_OPS: OperatorName[] = ['$eq', '$ne', '$contains', '$startsWith', '$exists'];
const ORDERED_OPS: OperatorName[] = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists'];
const EQ_OPS: OperatorName[] = ['$eq', '$ne', '$in', '$nin', '$exists'];
const UUID = '3F2504E0-4F89-11D3-9A0C-0305E82C3301';
const UUIDS = ['00000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000000', 'B0000000-0000-4000-8000-000000000000'];
const PICK = ['new', { value: 'won', label: { en: 'Won', 'zh-CN': '赢单' } }, { value: 'lost', label: { en: 'Lost', 'zh-CN': '丢单' } }];
// The Swedish locale writes local time as 'YYYY-MM-DD HH:mm:ss': an independent way to get the expected text.
const localTime = (iso: string): string => new Date(iso).toLocaleString('sv-SE').slice(0, 16);
const textRows: CoerceRow[] = [['query', ' a b ', ' a b '], ['csv', ' a b ', 'a b'], ['both', 'Hello', 'Hello']];

/**
 * One entry per built-in type except formula (its own engineer's) and the user's password and roles, which have no
 * column (side-stored-types.test.ts); a type without cases fails to compile.
 */
const cases: { [N in Exclude<FieldTypeName, 'formula' | 'password' | 'roles'>]: Cases<N> } = {
  text: {
    type: textField, field: { type: 'text', required: true, maxLength: 20, minLength: 1, pattern: '^[^0-9]' }, coerce: textRows,
    valid: ['ab', 'x'.repeat(20)], invalid: ['', '9lives', 'x'.repeat(21), 5],
    column: { sqlType: 'varchar', length: 20, notNull: true }, operators: TEXT_OPS, widget: 'text',
    format: [['Hello', 'Hello', 'Hello']],
    // B before a (code points, not a language's collation); U+FFFD before U+1F600, which JS `<` gets wrong.
    sorted: ['A', 'B', 'a', 'ab', 'b', 'é', '\uFFFD', '😀'],
  },
  longText: {
    type: longTextField, field: { type: 'longText', maxLength: 5 }, coerce: textRows,
    valid: ['ab\ncd'], invalid: ['abcdef', 1], column: { sqlType: 'text', notNull: false }, operators: LONG_OPS, widget: 'textarea',
    format: [['a\nb', 'a\nb', 'a\nb']],
  },
  richText: {
    type: richTextField, field: { type: 'richText' }, coerce: textRows,
    valid: ['<p>Hi</p>'], invalid: [1, null], column: { sqlType: 'text', notNull: false }, operators: LONG_OPS, widget: 'richText',
    format: [['<p>Hi</p>', '<p>Hi</p>', '<p>Hi</p>']],
  },
  email: {
    type: emailField, field: { type: 'email' }, coerce: [['csv', ' A@x.com ', 'A@x.com'], ['query', 'not checked', 'not checked']],
    valid: ['a@example.com'], invalid: ['not-an-email', `${'a'.repeat(250)}@x.com`, 3],
    column: { sqlType: 'varchar', length: 254, notNull: false }, operators: TEXT_OPS, widget: 'email',
    format: [['a@x.com', 'a@x.com', 'a@x.com']], sorted: ['B@x.com', 'a@x.com', 'b@x.com'],
  },
  phone: {
    type: phoneField, field: { type: 'phone' }, coerce: [['csv', ' 010-1234 ', '010-1234']],
    valid: ['+86 138 0013 8000', '(010) 6552-1234', '+1-202-555-0143 ext. 12', '010-12345678转8001', '13800138000', '555-0143 x7'],
    invalid: ['abc', '12a4', '+', '1'.repeat(41), '138 0013 8000 ext'],
    column: { sqlType: 'varchar', length: 40, notNull: false }, operators: TEXT_OPS, widget: 'phone',
    format: [['+86 138', '+86 138', '+86 138']], sorted: ['+1 202', '010', '138'],
  },
  url: {
    type: urlField, field: { type: 'url' }, coerce: [['csv', ' https://x.org ', 'https://x.org']],
    valid: ['https://example.com/a?b=1', 'http://localhost:8080'],
    invalid: ['javascript:alert(1)', 'ftp://x.org', 'example.com', `https://x.org/${'a'.repeat(2048)}`],
    column: { sqlType: 'varchar', length: 2048, notNull: false }, operators: TEXT_OPS, widget: 'url',
    format: [['https://x.org', 'https://x.org', 'https://x.org']], sorted: ['http://b', 'https://a'],
  },
  integer: {
    type: integerField, field: { type: 'integer', min: 0 },
    coerce: [['both', '42', 42], ['both', ' -7 ', -7], ['csv', '０１２', 12], ['both', '+5', 5], ['query', '1.0', FAIL], ['csv', '1.0', 1], ['csv', '1.5', FAIL],
      ['both', '0x10', FAIL], ['query', '1e3', FAIL], ['csv', '1e3', 1000], ['query', '1,000', FAIL], ['csv', '1,000', 1000], ['both', '9007199254740993', FAIL], ['both', '12abc', FAIL]],
    valid: [0, 5, 2147483647], invalid: [-1, 2147483648, 1.5, '1'],
    column: { sqlType: 'integer', notNull: false }, operators: ORDERED_OPS, widget: 'number',
    format: [[1234567, '1,234,567', '1,234,567'], ['42', '42', '42']], sorted: [-5, 0, 2, 10, 100],
  },
  decimal: {
    type: decimalField, field: { type: 'decimal', precision: 10, scale: 2, min: -1000, max: 1000000 },
    coerce: [['both', '1,234.56', 1234.56], ['csv', '¥1,234.00', 1234], ['csv', '￥99', 99], ['csv', '$5.5', 5.5],
      ['csv', '１２３．４５', 123.45], ['both', '-3.5', -3.5], ['both', '.5', 0.5], ['csv', '-¥1,234', -1234], ['both', '1,23', FAIL],
      ['both', 'abc', FAIL], ['both', '1.2.3', FAIL], ['both', '--1', FAIL], ['both', '12%', FAIL]],
    valid: [0, -1000, 1234.56], invalid: [-1000.01, '1', 1e7],
    column: { sqlType: 'numeric', precision: 10, scale: 2, notNull: false }, operators: ORDERED_OPS, widget: 'number',
    format: [[1234.5, '1,234.5', '1,234.5'], ['0.125', '0.13', '0.13']], sorted: [-2.5, -1, 0, 0.25, 10, 100.5],
  },
  currency: {
    type: currencyField, field: { type: 'currency' },
    coerce: [['csv', '¥1,234.00', 1234], ['csv', '￥１，２３４．５', 1234.5], ['both', '12.34', 12.34], ['both', 'CNY', FAIL]],
    valid: [0, -5, 1234.56], invalid: ['12', null],
    column: { sqlType: 'numeric', precision: 18, scale: 2, notNull: false }, operators: ORDERED_OPS, widget: 'currency',
    format: [[1234.5, 'CN¥1,234.50', '¥1,234.50']], sorted: [-1, 0, 9.99, 10],
  },
  percent: {
    type: percentField, field: { type: 'percent' },
    coerce: [['both', '12.5%', 12.5], ['both', '12.5', 12.5], ['csv', '１２．５％', 12.5], ['csv', '50 %', 50], ['both', '%', FAIL], ['both', 'abc', FAIL]],
    valid: [0, 12.5, 100], invalid: [-1, 100.01],
    column: { sqlType: 'numeric', precision: 9, scale: 4, notNull: false }, operators: ORDERED_OPS, widget: 'percent',
    format: [[12.5, '12.5%', '12.5%'], [33.3333, '33.33%', '33.33%']], sorted: [0, 5, 12.5, 100],
  },
  boolean: {
    type: booleanField, field: { type: 'boolean' },
    coerce: [...['true', '1', 'yes', 'Y', '是', 'TRUE', ' Yes '].map((r): CoerceRow => ['both', r, true]),
      ...['false', '0', 'no', 'N', '否', 'False'].map((r): CoerceRow => ['both', r, false]), ['both', 'maybe', FAIL], ['both', '2', FAIL]],
    valid: [true, false], invalid: ['true', 1, null],
    column: { sqlType: 'boolean', notNull: false }, operators: ['$eq', '$ne', '$exists'], widget: 'checkbox',
    format: [[true, 'Yes', '是'], [false, 'No', '否']], sorted: [false, true],
  },
  date: {
    type: dateField, field: { type: 'date' },
    coerce: [['both', '2024-05-01', '2024-05-01'], ['both', '2024/5/1', '2024-05-01'], ['both', '2024.5.1', '2024-05-01'],
      ['csv', '2024年5月1日', '2024-05-01'], ['csv', '２０２４-０５-０１', '2024-05-01'], ['both', '2024-02-29', '2024-02-29'],
      ['both', '2023-02-29', FAIL], ['both', '2024-13-01', FAIL], ['both', '2024/5-1', FAIL], ['both', '05/01/2024', FAIL],
      ['both', '2024-05-01T00:00:00Z', FAIL]],
    valid: ['2024-02-29'], invalid: ['2023-02-29', '2024/05/01', 20240501],
    column: { sqlType: 'date', notNull: false }, operators: ORDERED_OPS, widget: 'date',
    format: [['2024-05-01', '2024-05-01', '2024-05-01'], [new Date(Date.UTC(2024, 4, 1)), '2024-05-01', '2024-05-01']],
    sorted: ['1999-12-31', '2024-02-29', '2024-10-01'],
  },
  datetime: {
    type: datetimeField, field: { type: 'datetime' },
    coerce: [['both', '2024-05-01T09:30:00+08:00', '2024-05-01T01:30:00.000Z'], ['both', '2024-05-01T01:30Z', '2024-05-01T01:30:00.000Z'],
      ['csv', '2024-05-01 09:30:00+0800', '2024-05-01T01:30:00.000Z'], ['both', '2024-05-01T09:30:00', FAIL],
      ['both', '2024-02-30T00:00:00Z', FAIL], ['both', '2024-05-01T25:00:00Z', FAIL], ['both', 'now', FAIL]],
    valid: ['2024-05-01T01:30:00Z', '2024-05-01T09:30:00.123+08:00'], invalid: ['2024-05-01', 'yesterday'],
    column: { sqlType: 'timestamptz', notNull: false }, operators: ORDERED_OPS, widget: 'datetime',
    format: [['2024-05-01T01:30:00.000Z', localTime('2024-05-01T01:30:00.000Z'), localTime('2024-05-01T01:30:00.000Z')],
      [new Date('2024-05-01T01:30:00Z'), localTime('2024-05-01T01:30:00.000Z'), localTime('2024-05-01T01:30:00.000Z')]],
    // 09:30+08:00 is 01:30Z: chronological order differs from the text's order.
    sorted: ['1999-12-31T23:59:59Z', '2024-05-01T09:30:00+08:00', '2024-05-01T02:00:00Z'],
  },
  picklist: {
    type: picklistField, field: { type: 'picklist', options: PICK },
    coerce: [['both', 'won', 'won'], ['query', 'Won', FAIL], ['csv', 'Won', 'won'], ['csv', '赢单', 'won'], ['csv', ' LOST ', 'lost'], ['both', 'maybe', FAIL]],
    valid: ['new', 'lost'], invalid: ['Won', 'x', 1],
    column: { sqlType: 'varchar', length: 100, notNull: false }, operators: EQ_OPS, widget: 'select',
    format: [['won', 'Won', '赢单'], ['new', 'new', 'new'], ['gone', 'gone', 'gone']],
    // By option position, not alphabetically; a value outside the options sorts last.
    sorted: ['new', 'won', 'lost', 'archived'],
  },
  multiPicklist: {
    type: multiPicklistField, field: { type: 'multiPicklist', options: ['a', { value: 'b', label: { en: 'Bee', 'zh-CN': '蜜蜂' } }, 'c'], maxItems: 2 },
    coerce: [['both', 'a;b', ['a', 'b']], ['both', 'a, c', ['a', 'c']], ['both', 'a，b', ['a', 'b']], ['both', 'a、b', ['a', 'b']],
      ['both', 'a|b', ['a', 'b']], ['both', 'a;a', ['a']], ['csv', 'Bee; c', ['b', 'c']], ['query', 'Bee', FAIL], ['both', 'a;x', FAIL]],
    valid: [['a'], ['a', 'b'], []], invalid: [['a', 'a'], ['x'], ['a', 'b', 'c'], 'a'],
    column: { sqlType: 'text[]', notNull: false }, operators: ['$contains', '$exists'], widget: 'multiSelect',
    format: [[['a', 'b'], 'a, Bee', 'a、蜜蜂']],
  },
  lookup: {
    type: lookupField, field: { type: 'lookup', target: 'account', onDelete: 'restrict' },
    coerce: [['both', UUID, UUID.toLowerCase()], ['both', 'Acme Corp', FAIL], ['both', '123', FAIL]],
    valid: [UUID.toLowerCase()], invalid: ['not-a-uuid', 1],
    column: { sqlType: 'uuid', notNull: false, references: { entity: 'account', onDelete: 'restrict' } }, operators: EQ_OPS, widget: 'lookup',
    format: [[UUID, UUID, UUID]], sorted: UUIDS,
  },
  masterDetail: {
    type: masterDetailField, field: { type: 'masterDetail', target: 'account' },
    coerce: [['csv', ` ${UUID} `, UUID.toLowerCase()], ['both', 'x', FAIL]], valid: [UUID], invalid: ['x'],
    column: { sqlType: 'uuid', notNull: true, references: { entity: 'account', onDelete: 'cascade' } }, operators: EQ_OPS, widget: 'lookup',
    format: [[UUID, UUID, UUID]], sorted: UUIDS,
  },
  user: {
    type: userField, field: { type: 'user', required: true },
    coerce: [['both', UUID, UUID.toLowerCase()], ['both', 'alice', FAIL]], valid: [UUID], invalid: ['alice'],
    column: { sqlType: 'uuid', notNull: true, references: { entity: 'user', onDelete: 'setNull' } }, operators: EQ_OPS, widget: 'user',
    format: [[UUID, UUID, UUID]], sorted: UUIDS,
  },
  json: {
    type: jsonField, field: { type: 'json' },
    coerce: [['both', '{"a":1}', { a: 1 }], ['both', '[1,2]', [1, 2]], ['both', '"x"', 'x'], ['both', 'null', null], ['both', '{a:1}', FAIL], ['both', 'undefined', FAIL]],
    valid: [{ a: 1 }, [1], 'x', 3, true], invalid: [],
    column: { sqlType: 'jsonb', notNull: false }, operators: ['$exists'], widget: 'json',
    format: [[{ a: 1 }, '{"a":1}', '{"a":1}']],
  },
  autonumber: {
    type: autonumberField, field: { type: 'autonumber', format: 'Q-{0000}', start: 100 }, coerce: textRows,
    valid: ['Q-0001'], invalid: [1], computed: true,
    column: { sqlType: 'varchar', length: 64, notNull: false, autonumber: { format: 'Q-{0000}', start: 100 } },
    operators: TEXT_OPS, widget: 'readOnly', format: [['Q-0001', 'Q-0001', 'Q-0001']], sorted: ['Q-0001', 'Q-0002', 'Q-0010'],
  },
};

const ajv2020 = addFormats(new Ajv2020({ strict: true, allErrors: true }));
// react-jsonschema-form validates with draft-07: a value schema must use only keywords both drafts know.
const ajvDraft7 = addFormats(new AjvDraft7({ strict: true }));
const entries = Object.values(cases) as Cases<FieldTypeName>[];

describe.each(entries.map((c) => [c.type.name, c] as const))('%s', (_name, c) => {
  const rows = [...c.coerce, ['both', '', null], ['both', '   ', null]] as const;
  const expanded = rows.flatMap(([source, raw, expected]) =>
    (source === 'both' ? (['query', 'csv'] as const) : [source]).map((s) => [s, JSON.stringify(raw), raw, expected] as const));

  test.each(expanded)('coerce(%s, %s)', (source, _shown, raw, expected) => {
    const result = c.type.coerce(raw, c.field, source);
    if (expected === FAIL) {
      expect(result).toEqual({ ok: false, expected: expect.any(String) });
    } else {
      expect(result).toEqual({ ok: true, value: expected });
    }
  });

  test('valueSchema accepts the valid values and refuses the invalid ones (2020-12 and draft-07)', () => {
    const schema = c.type.valueSchema(c.field, 'en', createAppModel({ name: 'values', entities: [] }));
    for (const validate of [ajv2020.compile(schema), ajvDraft7.compile(schema)]) {
      expect(c.valid.filter((v) => !validate(v))).toEqual([]);
      expect(c.invalid.filter((v) => validate(v))).toEqual([]);
    }
  });

  test('valid values are literals of the value kind', () => {
    const kind = valueKinds[c.type.valueKind(c.field)];
    expect(c.valid.filter((v) => !kind.isLiteral(v))).toEqual([]);
  });

  test('column, operators, widget, computed', () => {
    expect(c.type.column(c.field)).toEqual(c.column);
    expect(c.type.operators).toEqual(c.operators);
    expect(c.type.widget).toBe(c.widget);
    expect(c.type.computed).toBe(c.computed === true);
  });

  test.each<readonly [unknown, string, string]>([...c.format, [null, '', ''], [undefined, '', '']])('format(%p)', (value, en, zh) => {
    expect(c.type.format(value, c.field, 'en')).toBe(en);
    expect(c.type.format(value, c.field, 'zh-CN')).toBe(zh);
  });

  test(c.sorted ? 'compare orders the values ascending' : 'is not sortable', () => {
    if (!c.sorted) {
      expect(c.type.sortSql).toBeUndefined();
      return;
    }
    expect(c.type.sortSql).toBeDefined();
    const shuffled = [...c.sorted.slice(1), c.sorted[0]].reverse();
    expect(shuffled.sort((a, b) => c.type.compare(a, b, c.field))).toEqual(c.sorted);
    for (const v of c.sorted) expect(c.type.compare(v, v, c.field)).toBe(0);
  });
});

/** The column's SQL type, as the migrator would write it. */
const ddl = (c: ColumnSpec): string =>
  c.sqlType === 'varchar' ? `varchar(${c.length})` : c.sqlType === 'numeric' ? `numeric(${c.precision},${c.scale})` : c.sqlType;

describe('sortSql orders rows in PostgreSQL (PGlite) exactly as compare orders them in memory', () => {
  type Db = { query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>; close(): Promise<void> };
  let db: Db;
  beforeAll(async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    db = new PGlite() as unknown as Db;
  });
  afterAll(() => db.close());

  test.each(entries.filter((c) => c.sorted).map((c) => [c.type.name, c] as const))('%s', async (name, c) => {
    const sorted = c.sorted!;
    await db.query(`create table "${name}" (i integer, v ${ddl(c.column)})`);
    for (const i of [...sorted.keys()].reverse()) await db.query(`insert into "${name}" values ($1, $2)`, [i, sorted[i]]);
    const order = toNumberedParams(c.type.sortSql!({ sql: 'v', bindings: [] }, c.field));
    const { rows } = await db.query(`select i, v from "${name}" order by ${order.text}`, order.values);
    expect(rows.map((r) => r.i)).toEqual([...sorted.keys()]);
    // What the database gives back (numeric as text, dates as Date) normalizes to what was stored.
    const kind = valueKinds[c.type.valueKind(c.field)];
    expect(rows.map((r) => kind.normalize(r.v))).toEqual(sorted.map((v) => kind.normalize(v)));
  });
});
