import fc from 'fast-check';
import type { ValidationRule } from '@tessera/metadata';
import { evaluateCondition } from '../conditions/evaluate';
import { parseCondition } from '../conditions/parse';
import type { EvalContext, RecordData } from '../model/context';
import { createAppModel } from '../model/create-app-model';
import { entityForm } from './entity-form';
import { formErrors } from './errors';
import { checkRules } from './rules';
import { createFormValidator } from './validator';

const message = (en: string) => ({ en, 'zh-CN': `中文：${en}` });
const compiledRules: ValidationRule[] = [
  { name: 'won_amount', when: { stage: 'won', amount: { $lte: 0 } }, field: 'amount', message: message('won needs amount') },
  { name: 'lost_discount', when: { stage: { $in: ['lost', 'open'] }, discount: { $gt: 10 } }, field: 'discount', message: message('discount') },
  { name: 'big_close', when: { amount: { $gte: 1000 }, closeDate: { $exists: false } }, field: 'closeDate', message: message('close date') },
  { name: 'not_open', when: { stage: { $ne: 'open' }, discount: { $eq: 5 }, amount: { $lt: 100 } }, field: 'discount', message: message('five') },
  { name: 'nin', when: { $and: [{ stage: { $nin: ['won'] } }, { note: { $exists: true } }] }, field: 'note', message: message('note') },
  { name: 'eq_null', when: { stage: 'lost', note: null }, field: 'note', message: message('lost needs note') },
  { name: 'ne_text', when: { note: { $ne: 'ok' } }, message: message('note must be ok') },
  { name: 'flag', when: { flag: true, discount: { $gte: 1 } }, field: 'discount', message: message('flag') },
];
const evaluatedRules: ValidationRule[] = [
  { name: 'either', when: { $or: [{ amount: { $lt: 0 } }, { discount: { $lt: 0 } }] }, message: message('no negatives') },
  { name: 'via_lookup', when: { 'account.name': 'Bad' }, field: 'account', message: message('bad account') },
  { name: 'contains', when: { note: { $contains: 'spam' } }, field: 'note', message: message('spam') },
  { name: 'two_fields', when: { amount: { $gt: 5 }, discount: { $gt: 5 } }, message: message('two') },
  { name: 'update_only', when: { note: { $contains: 'x' }, stage: 'won' }, on: ['update'], field: 'stage', message: message('x') },
];

const app = createAppModel({
  name: 'test',
  entities: [
    { origin: 'test', definition: { name: 'account', label: { en: 'Account' }, fields: { name: { type: 'text' } } } },
    {
      origin: 'test',
      definition: {
        name: 'deal', label: { en: 'Deal' },
        fields: {
          stage: { type: 'picklist', options: ['won', 'lost', 'open'] }, amount: { type: 'currency' }, discount: { type: 'integer' },
          closeDate: { type: 'date' }, note: { type: 'text' }, flag: { type: 'boolean' }, account: { type: 'lookup', target: 'account' },
        },
        rules: [...compiledRules, ...evaluatedRules],
      },
    },
  ],
});

const accountId = '00000000-0000-4000-8000-000000000001';
const ctx: EvalContext = {
  app, values: { now: new Date(), today: '2024-01-01' },
  lookup: (entity, id) => (entity === 'account' && id === accountId ? { id, name: 'Bad' } : undefined),
};
const form = entityForm(app, 'deal', { locale: 'en', variant: 'create' });
const validate = createFormValidator().compile(form.schema);

test('every rule of the first table compiles and every rule of the second does not', () => {
  expect((form.schema.allOf as unknown[]).length).toBe(compiledRules.length);
  expect(form.rules.map((r) => r.name)).toEqual(['either', 'via_lookup', 'contains', 'two_fields']);
  expect(entityForm(app, 'deal', { locale: 'en', variant: 'update' }).rules.map((r) => r.name)).toContain('update_only');
});

// Missing properties, nulls and values on both sides of every literal the rules use.
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.option(arb, { nil: null }), { nil: undefined });
const records = fc.record({
  stage: maybe(fc.constantFrom('won', 'lost', 'open')),
  amount: maybe(fc.constantFrom(-1, 0, 0.5, 99.99, 100, 999.99, 1000, 5000)),
  discount: maybe(fc.constantFrom(-2, 0, 1, 5, 10, 11)),
  closeDate: maybe(fc.constantFrom('2024-01-01')),
  note: maybe(fc.constantFrom('', 'ok', 'spam', 'x')),
  flag: maybe(fc.boolean()),
}).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as RecordData);

test('the compiled schema and the condition evaluator agree on random records', () => {
  fc.assert(fc.property(records, (record) => {
    const bySchema = validate(record) ? [] : formErrors(validate.errors, form, 'en').map((e) => e.code);
    const byEvaluator = compiledRules.filter((rule) => {
      const parsed = parseCondition(app, 'deal', rule.when);
      return parsed.ok && evaluateCondition(parsed.ast, record, ctx);
    }).map((rule) => `rule:${rule.name}`);
    expect(bySchema.sort()).toEqual(byEvaluator.sort());
  }), { numRuns: 2000 });
});

describe('checkRules', () => {
  test('reports the evaluated rules that fail, with path and localized message', () => {
    expect(checkRules(app, 'deal', { amount: -1, discount: 6, note: 'spam', account: accountId }, ctx, 'zh-CN', 'create')).toEqual([
      { path: '', code: 'rule:either', message: '中文：no negatives' },
      { path: '/account', code: 'rule:via_lookup', message: '中文：bad account' },
      { path: '/note', code: 'rule:contains', message: '中文：spam' },
    ]);
  });

  test('leaves compiled rules to the schema and respects the phase', () => {
    expect(checkRules(app, 'deal', { stage: 'won', amount: 0, note: 'x' }, ctx, 'en', 'create')).toEqual([]);
    expect(checkRules(app, 'deal', { stage: 'won', amount: 0, note: 'x' }, ctx, 'en', 'update')).toEqual([
      { path: '/stage', code: 'rule:update_only', message: 'x' },
    ]);
  });
});
