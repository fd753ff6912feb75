import type { ValidationRule } from '@tessera/metadata';
import { createAppModel } from '../model/create-app-model';
import { entityForm } from './entity-form';
import { formErrors } from './errors';
import { omitReadOnly, readOnlyViolations } from './read-only';
import { createFormValidator } from './validator';

const rules: ValidationRule[] = [
  { name: 'won_needs_amount', when: { stage: 'won', amount: { $lte: 0 } }, field: 'amount', message: { en: 'A won deal needs an amount', 'zh-CN': '赢单需要金额' } },
  { name: 'negative', when: { $or: [{ amount: { $lt: 0 } }, { discount: { $lt: 0 } }] }, field: 'amount', message: { en: 'No negatives' } },
  { name: 'on_update', when: { discount: { $gt: 50 } }, on: ['update'], message: { en: 'Too much' } },
];

export const app = createAppModel({
  name: 'test',
  entities: [
    { origin: 'test', definition: { name: 'account', label: { en: 'Account' }, fields: { name: { type: 'text' } } } },
    {
      origin: 'test',
      definition: {
        name: 'deal', label: { en: 'Deal', 'zh-CN': '交易' },
        fields: {
          name: { type: 'text', required: true, maxLength: 10, label: { en: 'Name', 'zh-CN': '名称' }, help: { en: 'What to call it' } },
          stage: { type: 'picklist', options: [{ value: 'won', label: { en: 'Won', 'zh-CN': '赢单' } }, 'lost', 'open'], required: true },
          amount: { type: 'currency', currency: 'USD', label: { en: 'Amount', 'zh-CN': '金额' } },
          discount: { type: 'integer' },
          closeDate: { type: 'date' },
          email: { type: 'email' },
          account: { type: 'lookup', target: 'account' },
          expected: { type: 'formula', expression: 'amount * 2', resultType: 'currency' },
          locked: { type: 'text', readOnly: true },
        },
        rules,
      },
    },
  ],
  layouts: [
    { name: 'other', entity: 'deal', sections: [{ name: 's', fields: ['email'] }] },
    {
      name: 'main', entity: 'deal', default: true,
      sections: [{ name: 'top', label: { en: 'Top', 'zh-CN': '概要' }, columns: 2, fields: ['stage', 'name'] }],
      tabs: [{ name: 'more', label: { en: 'More' }, sections: [{ name: 'money', fields: ['amount', 'expected'] }] }],
      relatedLists: [{ entity: 'account', field: 'name' }],
    },
  ],
});

const ajv = createFormValidator();
const validate = (variant: 'create' | 'update', body: unknown, locale = 'en') => {
  const form = entityForm(app, 'deal', { locale, variant });
  const fn = ajv.compile(form.schema);
  return fn(body) ? [] : formErrors(fn.errors, form, locale);
};

describe('entityForm schema', () => {
  test('create requires required writable fields; a valid body passes', () => {
    expect(validate('create', { name: 'A', stage: 'open' })).toEqual([]);
    expect(validate('create', {})).toEqual([
      { path: '/name', code: 'required', message: 'is required' },
      { path: '/stage', code: 'required', message: 'is required' },
    ]);
  });

  test('types, maxLength, enums, formats and unknown properties are errors with JSON pointers', () => {
    const errors = validate('create', { name: 'far too long a name', stage: 'maybe', amount: 'x', email: 'nope', discount: 1.5, extra: 1 });
    expect(errors.map((e) => [e.path, e.code])).toEqual(expect.arrayContaining([
      ['/name', 'maxLength'], ['/stage', 'enum'], ['/amount', 'type'], ['/email', 'format'], ['/discount', 'type'], ['/extra', 'additionalProperties'],
    ]));
    expect(errors).toHaveLength(6);
  });

  test('optional fields accept null, required ones do not, also in a partial update', () => {
    expect(validate('create', { name: 'A', stage: 'open', amount: null, closeDate: null, account: null })).toEqual([]);
    expect(validate('update', { amount: 5 })).toEqual([]);
    expect(validate('update', { stage: null }).map((e) => e.code)).toEqual(['type', 'enum']);
    expect(validate('update', { name: null }).map((e) => e.path)).toEqual(['/name']);
  });

  test('picklist enums list null only when optional', () => {
    const { properties } = entityForm(app, 'deal', { locale: 'en', variant: 'create' }).schema as { properties: Record<string, Record<string, unknown>> };
    expect(properties.stage).toMatchObject({ type: 'string', enum: ['won', 'lost', 'open'] });
    expect(properties.amount).toMatchObject({ type: ['number', 'null'], title: 'Amount' });
    expect(properties.name).toMatchObject({ title: 'Name', description: 'What to call it' });
  });

  test('system, computed and readOnly fields are read-only, and the server finds them in a body', () => {
    const { schema } = entityForm(app, 'deal', { locale: 'en', variant: 'update' });
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties).filter((k) => properties[k]!.readOnly)).toEqual(
      ['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'ownerId', 'expected', 'locked'],
    );
    expect(readOnlyViolations(schema, { name: 'A', id: 'x', expected: 3 })).toEqual(['/id', '/expected']);
    expect(omitReadOnly(schema, { name: 'A', version: 2, locked: 'l' })).toEqual({ name: 'A' });
  });

  test('a compiled rule reports its code, field and localized message', () => {
    expect(validate('create', { name: 'A', stage: 'won', amount: 0 })).toEqual([
      { path: '/amount', code: 'rule:won_needs_amount', message: 'A won deal needs an amount' },
    ]);
    expect(validate('create', { name: 'A', stage: 'won', amount: 0 }, 'zh-CN')).toEqual([
      { path: '/amount', code: 'rule:won_needs_amount', message: '赢单需要金额' },
    ]);
    expect(validate('create', { name: 'A', stage: 'won' })).toEqual([]);
    expect(validate('create', { name: 'A', stage: 'lost', amount: -1 })).toEqual([]);
  });

  test('rules run only in their phase; the others are listed for the evaluator', () => {
    const create = entityForm(app, 'deal', { locale: 'en', variant: 'create' });
    const update = entityForm(app, 'deal', { locale: 'en', variant: 'update' });
    expect(create.rules.map((r) => r.name)).toEqual(['negative']);
    expect(create.rules[0]).toEqual({ name: 'negative', code: 'rule:negative', path: '/amount', message: 'No negatives', when: rules[1]!.when, on: ['create', 'update'] });
    expect((update.schema.allOf as unknown[]).length).toBe(2);
    expect(validate('update', { discount: 51 })).toEqual([{ path: '', code: 'rule:on_update', message: 'Too much' }].map((e) => ({ ...e, path: '/discount' })));
  });

  test('zh-CN messages for schema keywords', () => {
    expect(validate('create', { stage: 'open' }, 'zh-CN')).toEqual([{ path: '/name', code: 'required', message: '必填' }]);
  });
});

describe('entityForm uiSchema', () => {
  const ui = (locale: string, layout?: string) => entityForm(app, 'deal', { locale, variant: 'create', ...(layout ? { layout } : {}) }).uiSchema;

  test('order follows the default layout (sections, then tabs), then the other fields and "*"', () => {
    expect(ui('en')['ui:order']).toEqual([
      'stage', 'name', 'amount', 'expected', 'discount', 'closeDate', 'email', 'account', 'locked',
      'id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'ownerId', '*',
    ]);
    expect((ui('en', 'other')['ui:order'] as string[]).slice(0, 2)).toEqual(['email', 'name']);
    expect(() => ui('en', 'missing')).toThrow('entity "deal" has no layout "missing"');
  });

  test('widgets, options and read-only flags come from the field types', () => {
    const u = ui('en') as Record<string, Record<string, unknown>>;
    expect(u.amount).toEqual({ 'ui:widget': 'currency', 'ui:options': { currency: 'USD' } });
    expect(u.account).toEqual({ 'ui:widget': 'lookup', 'ui:options': { target: 'account' } });
    expect(u.expected).toMatchObject({ 'ui:widget': 'readOnly', 'ui:readonly': true });
    expect(u.stage).toEqual({ 'ui:widget': 'select', 'ui:options': { enumNames: ['Won', 'lost', 'open'] } });
    expect((ui('zh-CN') as Record<string, Record<string, unknown>>).stage!['ui:options']).toEqual({ enumNames: ['赢单', 'lost', 'open'] });
  });

  test('the layout travels under ui:layout with labels in the locale', () => {
    expect(ui('zh-CN')['ui:layout']).toEqual({
      sections: [{ name: 'top', label: '概要', columns: 2, fields: ['stage', 'name'] }],
      tabs: [{ name: 'more', label: 'More', sections: [{ name: 'money', label: '', columns: 1, fields: ['amount', 'expected'] }] }],
      relatedLists: [{ entity: 'account', field: 'name', label: '' }],
    });
    const form = entityForm(app, 'deal', { locale: 'zh-CN', variant: 'create' });
    expect(form.schema.title).toBe('交易');
    expect((form.schema.properties as Record<string, { title: string }>).amount!.title).toBe('金额');
  });

  test('without layouts every field is in one section', () => {
    const u = entityForm(app, 'account', { locale: 'en', variant: 'create' }).uiSchema;
    expect(u['ui:layout']).toEqual({ sections: [{ name: 'main', label: '', columns: 1, fields: ['name'] }], tabs: [], relatedLists: [] });
  });
});
