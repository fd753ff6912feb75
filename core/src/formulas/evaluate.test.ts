import { createAppModel } from '../model/create-app-model';
import type { EvalContext, RecordData } from '../model/context';
import { evaluateFormula } from './evaluate';
import { parseFormula } from './parse';

const app = createAppModel({
  name: 'test',
  entities: [
    { origin: 'test', definition: { name: 'account', label: { en: 'Account' }, fields: { name: { type: 'text' }, revenue: { type: 'currency' }, parent: { type: 'lookup', target: 'account' } } } },
    {
      origin: 'test',
      definition: {
        name: 'deal', label: { en: 'Deal' },
        fields: {
          name: { type: 'text' }, amount: { type: 'currency' }, probability: { type: 'percent' }, qty: { type: 'integer' },
          closeDate: { type: 'date' }, won: { type: 'boolean' }, account: { type: 'lookup', target: 'account' },
          expected: { type: 'formula', expression: 'amount * probability / 100', resultType: 'currency' },
        },
      },
    },
  ],
});

const accounts: Record<string, RecordData> = {
  a1: { id: 'a1', name: 'Acme', revenue: '1000.50', parent: 'a2' },
  a2: { id: 'a2', name: 'Holding', revenue: null },
};
const ctx: EvalContext = {
  app,
  values: { now: new Date('2024-05-01T10:00:00Z'), today: '2024-05-01' },
  lookup: (entity, id) => (entity === 'account' ? accounts[id] : undefined),
};

const run = (expression: string, record: RecordData): unknown => {
  const parsed = parseFormula(app, 'deal', expression);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return evaluateFormula(parsed.ast, record, ctx);
};

const deal = { name: 'Big', amount: 200, probability: 25, qty: 3, closeDate: '2024-02-28', won: true, account: 'a1' };
const empty = { name: null, amount: null, probability: null, qty: null, closeDate: null, won: null, account: null };

describe('evaluateFormula', () => {
  test.each<[string, RecordData, unknown]>([
    ['amount * probability / 100', deal, 50],
    ['amount * probability / 100', empty, null],
    ['amount / 0', deal, null],
    ['amount % (qty - 3)', deal, null],
    ['-7 % 3', deal, -1],
    ['amount + 1', {}, null],
    ['expected + 1', deal, 51],
    ['ROUND(2.675, 2)', deal, 2.68],
    ['ROUND(-2.5)', deal, -3],
    ['ROUND(1234.5, -2)', deal, 1200],
    ['ABS(0 - amount)', deal, 200],
    ['MIN(amount, qty, probability)', deal, 3],
    ['MAX(amount, qty)', { amount: null, qty: 4 }, 4],
    ['MAX(amount, qty)', empty, null],
    ['COALESCE(amount, qty, 0)', empty, 0],
    ['IF(won, amount, 0)', deal, 200],
    ['IF(won, amount, 0)', empty, 0],
    ['IF(won, amount)', { ...deal, won: false }, null],
    ['won ? "yes" : "no"', deal, 'yes'],
    ['CONCAT(name, "-", account.name)', deal, 'Big-Acme'],
    ['CONCAT(name, "-", account.name)', empty, '-'],
    ['UPPER(name)', { name: 'straße é' }, 'STRAßE é'],
    ['LOWER(name)', { name: 'ABC Ü' }, 'abc Ü'],
    ['LEN(name)', { name: '客户😀' }, 3],
    ['LEN(name)', empty, null],
    ['TODAY()', empty, '2024-05-01'],
    ['YEAR(closeDate) * 100 + MONTH(closeDate)', deal, 202402],
    ['DAYS_BETWEEN(closeDate, TODAY())', deal, 63],
    ['ADD_DAYS(closeDate, 2)', deal, '2024-03-01'],
    ['ADD_DAYS(closeDate, 1.5)', deal, '2024-03-01'],
    ['ADD_DAYS(closeDate, 1)', empty, null],
    ['closeDate < TODAY()', deal, true],
    ['name == "Big"', deal, true],
    ['name != "Big"', empty, null],
    ['"a" < "B"', deal, false],
    ['won && amount > 1000', deal, false],
    ['won && amount > 1000', { ...empty, amount: 5 }, false],
    ['won && amount > 1', { ...empty, amount: 5 }, null],
    ['won || amount > 1', { ...empty, amount: 5 }, true],
    ['won || amount > 1000', { ...empty, amount: 5 }, null],
    ['!won', empty, null],
    ['account.revenue * 2', deal, 2001],
    ['account.parent.name', deal, 'Holding'],
    ['account.parent.revenue', deal, null],
    ['account.parent.parent.name', deal, null],
    ['account.name', { account: 'missing' }, null],
    ['createdAt < updatedAt', { createdAt: new Date('2023-12-31T23:00:00-02:00'), updatedAt: '2024-01-01T00:30:00Z' }, false],
  ])('%s', (expression, record, expected) => {
    expect(run(expression, record)).toEqual(expected);
  });

  test('a formula field reading itself through another fails loudly instead of overflowing the stack', () => {
    const cyclic = createAppModel({
      name: 'cyclic',
      entities: [{ origin: 'test', definition: { name: 'x', label: { en: 'X' }, fields: {
        a: { type: 'formula', expression: 'b + 1', resultType: 'decimal' },
        b: { type: 'formula', expression: 'a + 1', resultType: 'decimal' },
      } } }],
    });
    const parsed = parseFormula(cyclic, 'x', 'a');
    if (!parsed.ok) throw new Error('parse');
    expect(() => evaluateFormula(parsed.ast, {}, { ...ctx, app: cyclic })).toThrow('formula field x.a refers to itself');
  });
});
