import { valueKinds, type SqlCast, type ValueKind } from '../value-kinds';

interface KindCases {
  readonly sqlCast: SqlCast;
  readonly literals: readonly unknown[];
  readonly notLiterals: readonly unknown[];
  /** [as read from a driver or request, normalized]. */
  readonly normalize: readonly (readonly [unknown, unknown])[];
  /** [a, b, sign of compare(a, b)] on normalized values. */
  readonly compare: readonly (readonly [unknown, unknown, -1 | 0 | 1])[];
}

const kinds: Record<ValueKind, KindCases> = {
  text: {
    sqlCast: 'text', literals: ['', 'a'], notLiterals: [1, null, ['a']],
    normalize: [['a', 'a'], [5, '5']],
    compare: [['B', 'a', -1], ['a', 'a', 0], ['a', 'ab', -1], ['\uFFFD', '😀', -1], ['😀', '\uE000', 1], ['😀', '😁', -1]],
  },
  number: {
    sqlCast: 'numeric', literals: [0, -1.5], notLiterals: ['1', NaN, Infinity, null],
    normalize: [['1234.50', 1234.5], [BigInt(7), 7], [3, 3], ['', '']],
    compare: [[2, 10, -1], [10, 2, 1], [1.5, 1.5, 0]],
  },
  boolean: {
    sqlCast: 'boolean', literals: [true, false], notLiterals: ['true', 1, null],
    normalize: [['t', true], ['f', false], [true, true]],
    compare: [[false, true, -1], [true, false, 1], [true, true, 0]],
  },
  date: {
    sqlCast: 'date', literals: ['2024-02-29'], notLiterals: ['2023-02-29', '2024-5-1', '2024-05-01T00:00:00Z', 20240501],
    normalize: [[new Date(Date.UTC(2024, 4, 1)), '2024-05-01'], [new Date(2024, 4, 1), '2024-05-01'], ['2024-05-01', '2024-05-01']],
    compare: [['1999-12-31', '2000-01-01', -1], ['2024-05-01', '2024-05-01', 0]],
  },
  datetime: {
    sqlCast: 'timestamptz', literals: ['2024-05-01T09:30:00+08:00', '2024-05-01T01:30:00.5Z'],
    notLiterals: ['2024-05-01T09:30:00', '2024-05-01', '2024-02-30T00:00:00Z', 'now', 0],
    normalize: [['2024-05-01T09:30:00+08:00', '2024-05-01T01:30:00.000Z'], [new Date(Date.UTC(2024, 4, 1)), '2024-05-01T00:00:00.000Z'], ['junk', 'junk']],
    compare: [['2024-05-01T09:30:00+08:00', '2024-05-01T02:00:00Z', -1], ['2024-05-01T09:30:00+08:00', '2024-05-01T01:30:00Z', 0]],
  },
  reference: {
    sqlCast: 'uuid', literals: ['3F2504E0-4F89-11D3-9A0C-0305E82C3301'], notLiterals: ['3F2504E0', 'x', 1],
    normalize: [['3F2504E0-4F89-11D3-9A0C-0305E82C3301', '3f2504e0-4f89-11d3-9a0c-0305e82c3301']],
    compare: [['a0000000-0000-4000-8000-000000000000', 'b0000000-0000-4000-8000-000000000000', -1]],
  },
  json: {
    sqlCast: 'jsonb', literals: [{ a: [1, 'x', null] }, [], 'x', 0, false], notLiterals: [null, undefined, { a: undefined }, new Date(), NaN],
    normalize: [[{ a: 1 }, { a: 1 }]],
    compare: [[{ a: 1 }, [2], 0]],
  },
  textList: {
    sqlCast: 'text', literals: [[], ['a', 'b']], notLiterals: ['a', [1], null],
    normalize: [[['a', 'b'], ['a', 'b']]],
    compare: [[['a'], ['a', 'b'], -1], [['b'], ['a', 'z'], 1], [['😀'], ['\uFFFD'], 1], [['a', 'b'], ['a', 'b'], 0]],
  },
};

describe.each(Object.entries(kinds))('%s', (name, c) => {
  const kind = valueKinds[name as ValueKind];

  test('sqlCast and literal text', () => {
    expect(kind.sqlCast).toBe(c.sqlCast);
    expect(kind.literal.en).not.toBe('');
    expect(kind.literal['zh-CN']).not.toBe('');
  });

  test('isLiteral', () => {
    expect(c.literals.filter((v) => !kind.isLiteral(v))).toEqual([]);
    expect(c.notLiterals.filter((v) => kind.isLiteral(v))).toEqual([]);
  });

  test.each(c.normalize)('normalize(%p) is %p', (raw, normalized) => {
    expect(kind.normalize(raw)).toEqual(normalized);
  });

  test.each(c.compare)('compare(%p, %p) has sign %p', (a, b, sign) => {
    expect(Math.sign(kind.compare(kind.normalize(a), kind.normalize(b)))).toBe(sign);
    expect(Math.sign(kind.compare(kind.normalize(b), kind.normalize(a)))).toBe(-sign || 0);
  });
});
