import { createFormValidator } from '../forms/validator';
import { createAppModel } from '../model/create-app-model';
import { buildOpenApi } from './build-openapi';
import { recordSchema } from './schemas';

const app = createAppModel({
  name: 'shop',
  entities: [
    { origin: 'shop', definition: { name: 'account', label: { en: 'Account' }, fields: { name: { type: 'text', required: true } } } },
    {
      origin: 'shop',
      definition: {
        name: 'deal', label: { en: 'Deal', 'zh-CN': '交易' },
        fields: {
          name: { type: 'text', required: true, maxLength: 20 },
          account: { type: 'lookup', target: 'account' },
          stage: { type: 'picklist', options: ['open', 'won'], required: true },
          amount: { type: 'currency', currency: 'USD' },
          expected: { type: 'formula', expression: 'amount * 2', resultType: 'currency' },
        },
        rules: [{ name: 'won_needs_amount', when: { stage: 'won', amount: null }, field: 'amount', message: { en: 'Needs an amount' } }],
      },
    },
  ],
});

const doc = buildOpenApi(app, { locale: 'en' });
// The components as one strict JSON Schema 2020-12 document: every $ref rewritten to its $defs entry.
const ajv = createFormValidator().addSchema(JSON.parse(JSON.stringify({ $id: 'https://tessera.invalid/openapi.json', $defs: doc.components.schemas }).replace(/#\/components\/schemas\//g, '#/$defs/')));
const validator = (name: string) => ajv.compile({ $ref: `https://tessera.invalid/openapi.json#/$defs/${name}` });
const ok = (name: string, value: unknown) => validator(name)(value);

const ID = '3f0c1c4e-8b1a-4a7e-9c55-0d6f2b8f9a10';
const record = {
  id: ID, version: 3, createdAt: '2024-05-01T08:00:00.000Z', updatedAt: '2024-05-02T08:00:00.000Z',
  createdBy: ID, updatedBy: null, ownerId: ID, name: 'Big deal', account: ID, stage: 'won', amount: 120.5, expected: 241,
};

describe('component schemas', () => {
  test('every one compiles under strict JSON Schema 2020-12', () => {
    for (const name of Object.keys(doc.components.schemas)) expect(() => validator(name)).not.toThrow();
  });

  test('the read schema holds every field, system and formula fields included, through the field registry', () => {
    const schema = recordSchema(app, 'deal', 'zh-CN') as { title: string; properties: Record<string, Record<string, unknown>> };
    expect(Object.keys(schema.properties)).toEqual(app.entities.deal!.fieldNames);
    expect(schema.title).toBe('交易');
    expect(schema.properties.id).toMatchObject({ type: 'string', format: 'uuid', readOnly: true });
    expect(schema.properties.account).toMatchObject({ type: ['string', 'null'], format: 'uuid' });
    expect(schema.properties.expected).toMatchObject({ type: ['number', 'null'], readOnly: true });
  });

  test('a record as the API returns it passes the read schema; a wrong one does not', () => {
    expect(ok('deal.record', record)).toBe(true);
    expect(ok('deal.record', { id: ID, version: 1, name: 'Only some fields' })).toBe(true);
    expect(ok('deal.record', { ...record, account: { id: ID } })).toBe(false);
    expect(ok('deal.record', { ...record, secret: 1 })).toBe(false);
    const { version: _version, ...unversioned } = record;
    expect(ok('deal.record', unversioned)).toBe(false);
  });

  test('a list answer is { data, page: { next, total? } }', () => {
    expect(ok('deal.page', { data: [record], page: { next: null, total: 1 } })).toBe(true);
    expect(ok('deal.page', { data: [record], page: { next: 'abc' } })).toBe(true);
    expect(ok('deal.page', { data: [record], page: {} })).toBe(false);
    expect(ok('deal.page', [record])).toBe(false);
  });

  test('bulk bodies are lists of create bodies; the create body runs the compiled rules', () => {
    expect(ok('deal.bulkRequest', { records: [{ name: 'A', stage: 'open' }], allOrNothing: false })).toBe(true);
    expect(ok('deal.bulkRequest', { records: [] })).toBe(false);
    expect(ok('deal.bulkRequest', { records: [{ name: 'A' }] })).toBe(false);
    expect(ok('deal.create', { name: 'A', stage: 'won' })).toBe(false);
    expect(ok('deal.bulkResult', { results: [{ index: 0, status: 201, record }, { index: 1, status: 422, errors: [{ path: '/name', code: 'required', message: 'is required' }] }] })).toBe(true);
  });

  test('a problem as the runtime sends it passes the Problem schema', () => {
    const problem = { type: 'about:blank', title: 'Unprocessable Entity', status: 422, code: 'validation', detail: 'Invalid', errors: [{ path: '/amount', code: 'rule:won_needs_amount', message: 'Needs an amount' }] };
    expect(ok('Problem', problem)).toBe(true);
    expect(ok('Problem', { ...problem, errors: [{ path: '/amount' }] })).toBe(false);
    expect(ok('Problem', { title: 'x' })).toBe(false);
  });
});
