import type { FieldTypeName, FormulaType, RecordData } from '@tessera/core';
import { aliasSource, createAppModel, evaluateFormula, fieldTypes, formulaToSql, parseFormula, valueKinds } from '@tessera/core';
import { openTestDatabase, testEngines } from './support/databases';
import { createTables, insertRecords } from './support/schema';

const app = createAppModel({
  name: 'formulas',
  entities: [
    { origin: 'test', definition: { name: 'account', label: { en: 'Account' }, fields: {
      name: { type: 'text' }, revenue: { type: 'currency' }, parent: { type: 'lookup', target: 'account' },
    } } },
    { origin: 'test', definition: { name: 'deal', label: { en: 'Deal' }, fields: {
      name: { type: 'text', maxLength: 100 }, code: { type: 'picklist', options: ['A', 'b', 'Z', 'é'] },
      amount: { type: 'currency' }, probability: { type: 'percent' }, qty: { type: 'integer' }, rate: { type: 'decimal', scale: 4 },
      closeDate: { type: 'date' }, startDate: { type: 'date' }, won: { type: 'boolean' }, account: { type: 'lookup', target: 'account' },
      expected: { type: 'formula', expression: 'amount * probability / 100', resultType: 'currency' },
    } } },
  ],
});

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const accounts: RecordData[] = [
  { id: id(101), name: 'Acme 客户', revenue: 1000.5, parent: id(102) },
  { id: id(102), name: 'Holding', revenue: null, parent: null },
];
const system = (n: number) => ({ id: id(n), version: 1, createdAt: `2024-01-0${n}T10:00:00Z`, updatedAt: '2024-03-01T00:00:00+08:00' });
const deals: RecordData[] = [
  { ...system(1), name: 'Big deal', code: 'A', amount: 1234.56, probability: 33, qty: 7, rate: 0.1234, closeDate: '2024-02-29', startDate: '2023-12-31', won: true, account: id(101) },
  { ...system(2), name: 'small', code: 'b', amount: -50.25, probability: 0, qty: -3, rate: 1.5, closeDate: '2024-12-31', startDate: '2024-01-01', won: false, account: id(102) },
  { ...system(3), name: null, code: null, amount: null, probability: null, qty: null, rate: null, closeDate: null, startDate: null, won: null, account: null },
  { ...system(4), name: 'Ünïcode 😀', code: 'é', amount: 0, probability: 100, qty: 0, rate: null, closeDate: '2000-03-01', startDate: null, won: null, account: id(999) },
  { ...system(5), name: '', code: 'Z', amount: 99.99, probability: null, qty: 2, rate: -0.5, closeDate: null, startDate: '2024-05-01', won: true, account: null },
];

// Each formula with the result type whose scale its numbers are rounded to before comparing.
const FORMULAS: Array<[string, FieldTypeName]> = [
  ['amount * probability / 100', 'currency'],
  ['expected * 2', 'currency'],
  ['amount / qty', 'decimal'],
  ['amount / 3', 'decimal'],
  ['qty / 2', 'decimal'],
  ['qty % 4', 'integer'],
  ['amount % qty', 'decimal'],
  ['-amount + qty - rate', 'decimal'],
  ['ROUND(amount / 7, 2)', 'currency'],
  ['ROUND(rate * 10)', 'integer'],
  ['ROUND(amount, -1)', 'integer'],
  ['ABS(qty) + ABS(rate)', 'decimal'],
  ['MIN(amount, qty, rate)', 'decimal'],
  ['MAX(amount, probability)', 'decimal'],
  ['COALESCE(rate, probability, 42)', 'decimal'],
  ['IF(won, amount, 0 - qty)', 'decimal'],
  ['won ? "yes" : "no"', 'text'],
  ['IF(amount > 100, "large")', 'text'],
  ['CONCAT(name, "/", code, "/", account.name)', 'text'],
  ['UPPER(name)', 'text'],
  ['LOWER(CONCAT(name, code))', 'text'],
  ['LEN(name)', 'integer'],
  ['name < code', 'boolean'],
  ['code >= "Z"', 'boolean'],
  ['name == ""', 'boolean'],
  ['name != "small"', 'boolean'],
  ['won && amount > 0', 'boolean'],
  ['won || qty < 0', 'boolean'],
  ['!won', 'boolean'],
  ['TODAY()', 'date'],
  ['closeDate < TODAY()', 'boolean'],
  ['YEAR(closeDate) * 100 + MONTH(closeDate)', 'integer'],
  ['DAYS_BETWEEN(startDate, closeDate)', 'integer'],
  ['ADD_DAYS(closeDate, qty)', 'date'],
  ['ADD_DAYS(closeDate, rate)', 'date'],
  ['COALESCE(closeDate, startDate, TODAY())', 'date'],
  ['IF(won, createdAt, updatedAt)', 'datetime'],
  ['createdAt < updatedAt', 'boolean'],
  ['account.revenue / 2', 'currency'],
  ['account.parent.name', 'text'],
  ['COALESCE(account.parent.revenue, account.revenue, -1)', 'currency'],
];

const values = { now: new Date('2024-05-01T10:00:00Z'), today: '2024-05-01' };
const records: Record<string, RecordData[]> = { account: accounts, deal: deals };
const evalCtx = { app, values, lookup: (entity: string, key: string) => records[entity]?.find((r) => r.id === key) };

/** A value made comparable: numbers rounded to the result type's scale, everything normalized by its value kind. */
function comparable(value: unknown, type: FormulaType, resultType: FieldTypeName): unknown {
  if (value === null || value === undefined) return null;
  const normalized = valueKinds[type].normalize(value);
  if (typeof normalized !== 'number') return normalized;
  const scale = fieldTypes.get(resultType).column({ type: resultType } as never)?.scale ?? 0;
  return Number(normalized.toFixed(scale)) || 0;
}

describe.each(testEngines())('formulas in memory and in SQL agree on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    await createTables(t.db.knex, app, ['account', 'deal']);
    await insertRecords(t.db.knex, app.entities.account!, accounts);
    await insertRecords(t.db.knex, app.entities.deal!, deals);
  });
  afterAll(() => t.close());

  test('the table covers enough formulas', () => {
    expect(FORMULAS.length).toBeGreaterThanOrEqual(25);
  });

  test.each(FORMULAS)('%s', async (expression, resultType) => {
    const parsed = parseFormula(app, 'deal', expression);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const fragment = formulaToSql(parsed.ast, { app, alias: 'd', values, nextAlias: aliasSource() });
    const { rows } = await t.db.knex.raw(`select "d"."id" as id, ${fragment.sql} as v from "deal" as "d" order by "d"."id"`, [...fragment.bindings] as never);
    const inSql = (rows as Array<{ v: unknown }>).map((r) => comparable(r.v, parsed.type, resultType));
    const inMemory = deals.map((r) => comparable(evaluateFormula(parsed.ast, r, evalCtx), parsed.type, resultType));
    expect(inSql).toEqual(inMemory);
  });
});
