import type { EntityDefinition } from '@tessera/metadata';
import { renderIssue } from '../errors/issue';
import { createAppModel } from '../model/create-app-model';
import { decodeCursor, encodeCursor } from './cursor';
import { parseListQuery } from './parse-list-query';

const account: EntityDefinition = { name: 'account', label: { en: 'Account' }, fields: { name: { type: 'text' } } };
const deal: EntityDefinition = {
  name: 'deal', label: { en: 'Deal' },
  fields: {
    name: { type: 'text', required: true },
    amount: { type: 'currency' },
    stage: { type: 'picklist', options: ['new', 'won', 'lost'] },
    closeDate: { type: 'date' },
    tags: { type: 'multiPicklist', options: ['a', 'b'] },
    notes: { type: 'json' },
    account: { type: 'lookup', target: 'account' },
  },
};
const app = createAppModel({ name: 'q', entities: [{ definition: account, origin: 't' }, { definition: deal, origin: 't' }] });
const parse = (qs: string) => parseListQuery(app, 'deal', new URLSearchParams(qs));
const issuesOf = (qs: string) => {
  const r = parse(qs);
  if (r.ok) throw new Error(`expected issues for ${qs}`);
  return r.issues.map((i) => [i.path, i.code]);
};

describe('parseListQuery', () => {
  it('applies the defaults of DESIGN.md §4', () => {
    const r = parse('');
    expect(r.ok && { limit: r.query.limit, sort: r.query.sort, count: r.query.count, filter: r.query.filter }).toEqual({ limit: 50, sort: [], count: false, filter: { kind: 'const', value: true } });
  });

  it('reads sort, fields, expand, limit, offset and count', () => {
    const r = parse('sort=-amount,name&fields=name,amount&expand=account&limit=20&offset=40&count=true');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.query.sort.map((k) => [k.field.name, k.descending])).toEqual([['amount', true], ['name', false]]);
    expect(r.query.fields).toEqual(['name', 'amount']);
    expect(r.query.expand.map((p) => p.text)).toEqual(['account']);
    expect([r.query.limit, r.query.offset, r.query.count]).toEqual([20, 40, true]);
  });

  it('ANDs the JSON filter with the bracket form, coercing bracket values by field type', () => {
    const r = parse(`filter=${encodeURIComponent('{"stage":"won"}')}&where[amount][$gt]=1,000.50&where[closeDate][$lt]=2024/3/1&where[stage][$in]=won,lost`);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.query.filter.kind).toBe('and');
    const tests = (r.query.filter as { items: Array<{ op?: string; value?: { value: unknown } }> }).items.map((t) => [t.op, t.value?.value]);
    expect(tests).toEqual([['$eq', 'won'], ['$gt', 1000.5], ['$lt', '2024-03-01'], ['$in', ['won', 'lost']]]);
  });

  it('caps a limit past the maximum instead of refusing it', () => {
    const r = parse('limit=100000');
    expect(r.ok && r.query.limit).toBe(500);
  });

  it.each([
    ['limit=-1', '/query/limit'], ['limit=NaN', '/query/limit'], ['limit=1e9', '/query/limit'], ['limit=0', '/query/limit'],
    ['offset=-5', '/query/offset'], ['offset=999999', '/query/offset'], ['count=yes', '/query/count'],
    ['limit=1&limit=2', '/query/limit'], ['cursor=not-ours', '/query/cursor'],
    [`cursor=${encodeCursor(['x', 'y'])}&offset=3`, '/query/offset'],
  ])('refuses paging input %s', (qs, path) => {
    expect(issuesOf(qs).map(([p]) => p)).toContain(path);
  });

  it.each([
    'sort=password_hash', 'sort=1', 'sort=random()', 'sort=id;drop table x', 'sort=id.desc,(select 1)', 'sort=NAME', 'sort=nаme',
    'sort=name,name', 'sort=notes', 'sort=tags', 'sort=__proto__', 'sort=constructor',
  ])('refuses the sort %s with the sortable fields listed', (qs) => {
    const r = parse(qs);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]).toMatchObject({ code: 'query.field', path: '/query/sort' });
      expect(r.issues[0]!.params.known).not.toContain('notes');
    }
  });

  it.each([
    ['fields=name,secret', '/query/fields', 'query.field'],
    ['fields=name"--', '/query/fields', 'query.field'],
    ['expand=name', '/query/expand', 'query.field'],
    ['expand=account.name', '/query/expand', 'query.field'],
    ['expand=account.createdBy.manager.team', '/query/expand', 'query.field'],
    ['foo=bar', '/query/foo', 'query.parameter'],
    ['_where=x', '/query/_where', 'query.parameter'],
    ['filter={bad json', '/query/filter', 'query.json'],
    [`filter=${encodeURIComponent('{"amount":{"$where":"1"}}')}`, '/query/filter/amount/$where', 'condition.unknownOperator'],
    [`filter=${encodeURIComponent('{"secret":1}')}`, '/query/filter/secret', 'condition.field'],
    ['where[amount][$gt]=abc', '/query/where[amount][$gt]', 'query.value'],
    ['where[amount][$gt]=1&where[amount][$gt]=2', '/query/where[amount][$gt]', 'query.value'],
    ['where[nope]=1', '/query/where[nope]', 'condition.field'],
    ['where[stage][$raw]=x', '/query/where[stage][$raw]', 'condition.unknownOperator'],
    ['where[amount][$exists]=maybe', '/query/where[amount][$exists]', 'query.value'],
  ])('refuses %s at %s', (qs, path, code) => {
    expect(issuesOf(qs)).toContainEqual([path, code]);
  });

  it('reports every problem at once, each rendering in both languages', () => {
    const r = parse('sort=bogus&limit=-1&foo=1&fields=x');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(4);
    for (const i of r.issues) {
      const at = { file: '', path: i.path };
      expect(renderIssue({ ...i, ...at }, 'zh-CN').message).not.toBe(renderIssue({ ...i, ...at }, 'en').message);
    }
  });

  it('round-trips cursors and refuses ones of another length or shape', () => {
    const values = ['上海糖酒', 12.5, null, true, '4f1c2a56-0000-4000-8000-000000000001'];
    expect(decodeCursor(encodeCursor(values), 5)).toEqual(values);
    expect(decodeCursor(encodeCursor(values), 4)).toBeUndefined();
    expect(decodeCursor(encodeCursor([{ a: 1 }]), 1)).toBeUndefined();
    expect(decodeCursor('%%%', 1)).toBeUndefined();
  });
});
