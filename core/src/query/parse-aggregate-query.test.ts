import type { EntityDefinition } from '@tessera/metadata';
import { renderIssue } from '../errors/issue';
import { createAppModel } from '../model/create-app-model';
import { parseAggregateQuery } from './parse-aggregate-query';

const account: EntityDefinition = { name: 'account', label: { en: 'Account' }, fields: { name: { type: 'text' } } };
const deal: EntityDefinition = {
  name: 'deal', label: { en: 'Deal' },
  fields: {
    name: { type: 'text', required: true },
    amount: { type: 'currency' },
    won: { type: 'boolean' },
    stage: { type: 'picklist', options: ['new', 'won', 'lost'] },
    closeDate: { type: 'date' },
    closedAt: { type: 'datetime' },
    tags: { type: 'multiPicklist', options: ['a', 'b'] },
    notes: { type: 'json' },
    account: { type: 'lookup', target: 'account' },
    expected: { type: 'formula', expression: 'amount * 2', resultType: 'currency' },
  },
};
const app = createAppModel({ name: 'q', entities: [{ definition: account, origin: 't' }, { definition: deal, origin: 't' }] });
const parse = (qs: string) => parseAggregateQuery(app, 'deal', new URLSearchParams(qs));
const issuesOf = (qs: string) => {
  const r = parse(qs);
  if (r.ok) throw new Error(`expected issues for ${qs}`);
  return r.issues.map((i) => [i.path, i.code]);
};

describe('parseAggregateQuery', () => {
  it('counts all rows in one group by default', () => {
    const r = parse('');
    if (!r.ok) throw new Error('expected ok');
    expect(r.query.groupBy).toEqual([]);
    expect(r.query.measures).toEqual([{ key: 'count', name: 'count' }]);
    expect(r.query.limit).toBe(1000);
    expect(r.query.filter).toEqual({ kind: 'const', value: true });
  });

  it('reads group keys, date parts, lookups, measures, the filter and the limit', () => {
    const r = parse(`groupBy=stage,closeDate:month,closedAt:week,account,won&measures=count,sum:amount,avg:amount,min:closeDate,max:name,countDistinct:account&filter=${encodeURIComponent('{"amount":{"$gt":0}}')}&where[stage]=won&limit=20`);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.query.groupBy.map((g) => [g.key, g.field.name, g.part])).toEqual([
      ['stage', 'stage', undefined], ['closeDate:month', 'closeDate', 'month'], ['closedAt:week', 'closedAt', 'week'], ['account', 'account', undefined], ['won', 'won', undefined],
    ]);
    expect(r.query.measures.map((m) => [m.key, m.name, m.field?.name])).toEqual([
      ['count', 'count', undefined], ['sum:amount', 'sum', 'amount'], ['avg:amount', 'avg', 'amount'],
      ['min:closeDate', 'min', 'closeDate'], ['max:name', 'max', 'name'], ['countDistinct:account', 'countDistinct', 'account'],
    ]);
    expect(r.query.filter.kind).toBe('and');
    expect(r.query.limit).toBe(20);
  });

  it('refuses unknown, unstored and ungroupable fields, and bad date parts, at the key', () => {
    expect(issuesOf('groupBy=stage,nope')).toEqual([['/query/groupBy/1', 'query.field']]);
    expect(issuesOf('groupBy=tags')).toEqual([['/query/groupBy/0', 'query.field']]);
    expect(issuesOf('groupBy=notes')).toEqual([['/query/groupBy/0', 'query.field']]);
    expect(issuesOf('groupBy=expected')).toEqual([['/query/groupBy/0', 'query.field']]);
    expect(issuesOf('groupBy=closeDate:decade')).toEqual([['/query/groupBy/0', 'query.value']]);
    expect(issuesOf('groupBy=stage:month')).toEqual([['/query/groupBy/0', 'query.value']]);
    expect(issuesOf('groupBy=closeDate:month:x')).toEqual([['/query/groupBy/0', 'query.value']]);
    expect(issuesOf('groupBy=stage,stage')).toEqual([['/query/groupBy/1', 'query.value']]);
    expect(issuesOf('groupBy=')).toEqual([['/query/groupBy/0', 'query.field']]);
  });

  it('applies each measure only to the kinds it suits', () => {
    expect(issuesOf('measures=sum:name')).toEqual([['/query/measures/0', 'query.field']]);
    expect(issuesOf('measures=avg:closeDate')).toEqual([['/query/measures/0', 'query.field']]);
    expect(issuesOf('measures=min:won')).toEqual([['/query/measures/0', 'query.field']]);
    expect(issuesOf('measures=max:account')).toEqual([['/query/measures/0', 'query.field']]);
    expect(issuesOf('measures=countDistinct:notes')).toEqual([['/query/measures/0', 'query.field']]);
    expect(issuesOf('measures=count,median:amount')).toEqual([['/query/measures/1', 'query.value']]);
    expect(issuesOf('measures=count:amount')).toEqual([['/query/measures/0', 'query.value']]);
    expect(issuesOf('measures=sum')).toEqual([['/query/measures/0', 'query.value']]);
    expect(issuesOf('measures=count,count')).toEqual([['/query/measures/1', 'query.value']]);
    expect(issuesOf('measures=')).toEqual([['/query/measures/0', 'query.value']]);
  });

  it('bounds keys, measures and groups', () => {
    expect(issuesOf('groupBy=name,amount,won,stage,closeDate,account')).toEqual([['/query/groupBy', 'query.value']]);
    expect(issuesOf(`measures=${Array.from({ length: 11 }, (_, i) => (i ? `min:${['name', 'amount', 'closeDate', 'closedAt'][i % 4]}` : 'count')).join(',')}`))
      .toContainEqual(['/query/measures', 'query.value']);
    expect(issuesOf('limit=1001')).toEqual([['/query/limit', 'query.value']]);
    expect(issuesOf('limit=0')).toEqual([['/query/limit', 'query.value']]);
  });

  it('refuses what the list parser refuses in filters, and unknown or repeated parameters', () => {
    expect(issuesOf('filter={bad')).toEqual([['/query/filter', 'query.json']]);
    expect(issuesOf(`filter=${encodeURIComponent('{"nope":1}')}`)[0]![0]).toMatch(/^\/query\/filter/);
    expect(issuesOf('where[nope]=1')[0]![0]).toMatch(/^\/query\/where/);
    expect(issuesOf('sort=name')).toEqual([['/query/sort', 'query.parameter']]);
    expect(issuesOf('groupBy=stage&groupBy=won')).toEqual([['/query/groupBy', 'query.value']]);
  });

  it('says what it wanted in both languages', () => {
    const r = parse('groupBy=tags&measures=sum:name');
    if (r.ok) throw new Error('expected issues');
    const [group, measure] = r.issues.map((i) => renderIssue({ ...i, file: '' }));
    expect(group!.message).toBe('entity "deal" has no field "tags" to group by');
    expect(group!.expected).toContain('stage');
    expect(measure!.message).toBe('entity "deal" has no field "name" to sum (a number)');
    expect(measure!.expected).toBe('one of version, amount');
    expect(renderIssue({ ...r.issues[0]!, file: '' }, 'zh-CN').message).toContain('分组');
  });
});
