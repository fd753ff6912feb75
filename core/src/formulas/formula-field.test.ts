import type { FieldDefinition } from '@tessera/metadata';
import { fieldTypes } from '../fields/builtins';
import { formulaField } from '../fields/types/formula';
import { createAppModel } from '../model/create-app-model';
import { aliasSource } from '../model/context';
import { fieldValue } from '../model/path-value';

const app = createAppModel({
  name: 'test',
  entities: [
    { origin: 'test', definition: { name: 'account', label: { en: 'Account' }, fields: {
      total: { type: 'formula', expression: 'owner.score', resultType: 'decimal' },
      owner: { type: 'lookup', target: 'deal' },
    } } },
    { origin: 'test', definition: { name: 'deal', label: { en: 'Deal' }, fields: {
      amount: { type: 'currency' }, name: { type: 'text' }, account: { type: 'lookup', target: 'account' },
      expected: { type: 'formula', expression: 'amount * 2', resultType: 'currency' },
      label: { type: 'formula', expression: 'UPPER(name)', resultType: 'text' },
      wrong: { type: 'formula', expression: 'name', resultType: 'integer' },
      broken: { type: 'formula', expression: 'amount +', resultType: 'decimal' },
      self: { type: 'formula', expression: 'self + 1', resultType: 'decimal' },
      score: { type: 'formula', expression: 'account.total', resultType: 'decimal' },
    } } },
  ],
});

const deal = app.entities.deal!;
const def = (name: string) => deal.fields[name]!.definition as Extract<FieldDefinition, { type: 'formula' }>;
const check = (entity: string, name: string) => {
  const field = app.entities[entity]!.fields[name]!;
  return formulaField.check!(field.definition as never, { app, field, at: { file: 'e.json', path: `/fields/${name}` } });
};

describe('formulaField', () => {
  test('is the registered formula type: virtual, computed, read-only', () => {
    expect(fieldTypes.get('formula')).toBe(formulaField);
    expect(formulaField.column(def('expected'))).toBeUndefined();
    expect(formulaField.computed).toBe(true);
    expect(formulaField.widget).toBe('readOnly');
  });

  test('values behave like the result type', () => {
    expect(formulaField.valueKind(def('expected'))).toBe('number');
    expect(formulaField.valueKind(def('label'))).toBe('text');
    expect(formulaField.valueSchema(def('expected'), 'en', app)).toEqual(fieldTypes.get('currency').valueSchema({ type: 'currency' }, 'en', app));
    expect(formulaField.coerce('12.5', def('expected'), 'query')).toEqual({ ok: true, value: 12.5 });
    expect(formulaField.compare(2, 10, def('expected'))).toBeLessThan(0);
    expect(formulaField.format(null, def('expected'), 'en')).toBe('');
  });

  test('a valid formula has no issues', () => {
    expect(check('deal', 'expected')).toEqual([]);
  });

  test('parse issues point at the expression', () => {
    expect(check('deal', 'broken')).toEqual([expect.objectContaining({ code: 'formula.syntax', file: 'e.json', path: '/fields/broken/expression' })]);
  });

  test('a result of the wrong type is formula.result', () => {
    expect(check('deal', 'wrong')).toEqual([expect.objectContaining({ code: 'formula.result', params: { got: 'text', wanted: 'number', resultType: 'integer' } })]);
  });

  test('cycles are found, also across entities', () => {
    expect(check('deal', 'self')).toEqual([expect.objectContaining({ code: 'formula.cycle', params: { cycle: ['deal.self', 'deal.self'] } })]);
    expect(check('deal', 'score')).toEqual([expect.objectContaining({ code: 'formula.cycle', params: { cycle: ['deal.score', 'account.total', 'deal.score'] } })]);
  });

  test('compute and sqlExpression go through the formula', () => {
    const ctx = { app, values: { now: new Date(), today: '2024-01-01' }, lookup: () => undefined };
    expect(fieldValue(deal.fields.expected!, { amount: '10.5' }, ctx)).toBe(21);
    const sql = formulaField.sqlExpression!(def('expected'), deal.fields.expected!, { app, alias: 'd', values: ctx.values, nextAlias: aliasSource() });
    expect(sql).toEqual({ sql: '(CAST("d"."amount" AS numeric) * CAST(? AS numeric))', bindings: [2] });
    const broken = formulaField.sqlExpression!(def('broken'), deal.fields.broken!, { app, alias: 'd', values: ctx.values, nextAlias: aliasSource() });
    expect(broken.sql).toBe('CAST(NULL AS numeric)');
  });
});
