import fc from 'fast-check';
import { createAppModel } from '../model/create-app-model';
import { caseEntities } from './condition-cases';
import { parseCondition } from './parse';

const app = createAppModel({ name: 'cases', entities: caseEntities.map((definition) => ({ definition, origin: 'test' })) });
const refused = (json: unknown) => {
  const result = parseCondition(app, 'opportunity', json);
  expect(result.ok).toBe(false);
  expect(result).not.toHaveProperty('ast');
  return result.ok ? [] : result.issues.map((i) => [i.code, i.path]);
};
const nest = (depth: number, wrap: (inner: unknown) => unknown, leaf: unknown): unknown => {
  let node = leaf;
  for (let i = 0; i < depth; i++) node = wrap(node);
  return node;
};

describe('hostile conditions yield issues, never a throw and never an AST to compile (SECURITY.md §2)', () => {
  it('refuses operators that do not exist, such as $where', () => {
    expect(refused(JSON.parse('{"name": {"$where": "1"}}'))).toEqual([['condition.unknownOperator', '/name/$where']]);
    expect(refused({ $where: 'sleep(5)' })).toEqual([['condition.unknownOperator', '/$where']]);
  });

  it('treats prototype keys as unknown fields and leaves Object.prototype alone', () => {
    expect(refused(JSON.parse('{"__proto__": {"polluted": true}}'))).toEqual([['condition.field', '/__proto__']]);
    expect(refused(JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'))).toEqual([['condition.field', '/constructor']]);
    expect(refused({ 'account.__proto__': 1, 'toString': 1 })).toEqual([['condition.field', '/account.__proto__'], ['condition.field', '/toString']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses objects that are not plain JSON', () => {
    expect(refused({ closeDate: new Date() })).toEqual([['condition.value', '/closeDate']]);
    expect(refused(Object.create({ stage: 'won' }))).toEqual([['condition.shape', '']]);
  });

  it('refuses SQL in values that do not fit the type (and text values only ever become bindings: see to-sql.test.ts)', () => {
    const sql = "'; drop table x; --";
    expect(refused({ amount: sql, ownerId: sql, closeDate: { $gt: sql }, stage: { $in: [sql, 1] } })).toEqual([
      ['condition.value', '/amount'], ['condition.value', '/ownerId'], ['condition.value', '/closeDate/$gt'], ['condition.value', '/stage/$in'],
    ]);
  });

  it.each([
    ['$and', (inner: unknown) => ({ $and: [inner] })],
    ['$or', (inner: unknown) => ({ $or: [inner, { stage: 'won' }] })],
    ['$not', (inner: unknown) => ({ $not: inner })],
  ])('stops 10,000-deep %s nesting at the depth limit', (_name, wrap) => {
    expect(refused(nest(10_000, wrap, { stage: 'won' }))).toEqual([['condition.limit', expect.stringMatching(/^(\/\$\w+(\/\d)?){11}$/)]]);
  });

  it('stops 10,000-deep field-level $not and a cyclic object', () => {
    expect(refused({ amount: nest(10_000, (inner) => ({ $not: inner }), { $gt: 1 }) })).toEqual([['condition.limit', expect.any(String)]]);
    const cyclic: Record<string, unknown> = {};
    cyclic.$not = cyclic;
    expect(refused(cyclic)).toEqual([['condition.limit', expect.any(String)]]);
  });

  it('caps a 5,000-item $in and 1,000 OR terms', () => {
    expect(refused({ quantity: { $in: Array.from({ length: 5000 }, (_, i) => i) } })).toEqual([['condition.limit', '/quantity/$in']]);
    expect(refused({ $or: Array.from({ length: 1000 }, (_, i) => ({ quantity: i })) })).toEqual([['condition.limit', '/$or']]);
  });

  it('never throws on arbitrary JSON, and refuses what it cannot type-check', () => {
    const keys = fc.constantFrom('name', 'amount', 'stage', 'account.name', '$and', '$or', '$not', '$eq', '$in', '$gt', '$exists', '__proto__', 'x');
    const json = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), fc.dictionary(keys, tie('node'), { maxKeys: 3 }), fc.array(tie('node'), { maxLength: 3 })),
    })).node;
    fc.assert(fc.property(json, (value) => {
      const result = parseCondition(app, 'opportunity', value);
      return result.ok ? result.ast !== undefined : result.issues.length > 0;
    }), { numRuns: 2000 });
  });
});
