import type { EntityDefinition, RoleDefinition } from '@tessera/metadata';
import { renderIssue } from '../errors/issue';
import { createAppModel } from '../model/create-app-model';
import { permissionsFor } from '../permissions/permissions';
import { parseAggregateQuery } from './parse-aggregate-query';

const account: EntityDefinition = {
  name: 'account', label: { en: 'Account' },
  fields: {
    name: { type: 'text' }, tier: { type: 'picklist', options: ['a', 'b'] }, vip: { type: 'boolean' }, revenue: { type: 'currency' },
    secret: { type: 'text' }, parent: { type: 'lookup', target: 'account' }, since: { type: 'date' },
  },
};
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
    big: { type: 'formula', expression: 'amount > 100', resultType: 'boolean' },
    owner: { type: 'user' },
  },
};
const roles: RoleDefinition[] = [{
  name: 'clerk', label: { en: 'Clerk' },
  permissions: [{ action: 'read', subject: 'deal' }, { action: 'read', subject: 'account', fields: { deny: ['secret'] } }],
}];
const app = createAppModel({ name: 'q', entities: [{ definition: account, origin: 't' }, { definition: deal, origin: 't' }], roles });
const parse = (qs: string, model = app) => parseAggregateQuery(model, 'deal', new URLSearchParams(qs));
const issuesOf = (qs: string, model = app) => {
  const r = parse(qs, model);
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
    expect(r.query.groupBy.map((g) => [g.key, g.path.field.name, g.part])).toEqual([
      ['stage', 'stage', undefined], ['closeDate:month', 'closeDate', 'month'], ['closedAt:week', 'closedAt', 'week'], ['account', 'account', undefined], ['won', 'won', undefined],
    ]);
    expect(r.query.measures.map((m) => [m.key, m.name, 'path' in m ? m.path.field.name : undefined])).toEqual([
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
    expect(measure!.expected).toBe('one of version, amount, expected');
    expect(renderIssue({ ...r.issues[0]!, file: '' }, 'zh-CN').message).toContain('分组');
  });

  it('groups by and measures formula fields, which compile to SQL', () => {
    const r = parse('groupBy=expected,big&measures=sum:expected,avg:expected,max:expected');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.query.groupBy.map((g) => [g.key, g.path.field.name, g.path.via])).toEqual([['expected', 'expected', []], ['big', 'big', []]]);
    expect(r.query.measures.map((m) => m.name)).toEqual(['sum', 'avg', 'max']);
    expect(issuesOf('measures=sum:big')).toEqual([['/query/measures/0', 'query.field']]);
  });

  it('follows one lookup in keys and measures, with the target\'s field kinds and date parts', () => {
    const r = parse('groupBy=account.tier,account.since:year,owner.team&measures=sum:account.revenue,countDistinct:account.name,min:account.since');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.query.groupBy.map((g) => [g.key, g.path.via.map((v) => v.name), g.path.field.entity, g.path.field.name, g.part])).toEqual([
      ['account.tier', ['account'], 'account', 'tier', undefined], ['account.since:year', ['account'], 'account', 'since', 'year'], ['owner.team', ['owner'], 'user', 'team', undefined],
    ]);
    expect(r.query.measures.map((m) => ('path' in m ? [m.key, m.path.via[0]?.name, m.path.field.name] : m.key))).toEqual([
      ['sum:account.revenue', 'account', 'revenue'], ['countDistinct:account.name', 'account', 'name'], ['min:account.since', 'account', 'since'],
    ]);
  });

  it('refuses a second lookup, a field the target lacks, and a path through a field that is not a lookup', () => {
    expect(issuesOf('groupBy=account.parent.name')).toEqual([['/query/groupBy/0', 'query.value']]);
    expect(issuesOf('measures=sum:account.parent.revenue')).toEqual([['/query/measures/0', 'query.value']]);
    expect(issuesOf('groupBy=name.x')).toEqual([['/query/groupBy/0', 'query.field']]);
    const r = parse('groupBy=account.nope&measures=sum:account.name');
    if (r.ok) throw new Error('expected issues');
    expect(r.issues.map((i) => [i.path, i.code, i.params.entity, i.params.name])).toEqual([
      ['/query/groupBy/0', 'query.field', 'account', 'nope'], ['/query/measures/0', 'query.field', 'account', 'name'],
    ]);
    expect(r.issues[1]!.params.known).toEqual(['version', 'revenue']);
    expect(issuesOf('groupBy=account.tier:month')).toEqual([['/query/groupBy/0', 'query.value']]);
  });

  it('knows through a lookup only the target fields, and targets, the caller may read', () => {
    const clerk = permissionsFor(app, ['clerk']).model;
    expect(parse('groupBy=account.tier', clerk).ok).toBe(true);
    expect(issuesOf('groupBy=account.secret', clerk)).toEqual([['/query/groupBy/0', 'query.field']]);
    expect(issuesOf('measures=countDistinct:account.secret', clerk)).toEqual([['/query/measures/0', 'query.field']]);
    expect(parse('groupBy=account.secret').ok).toBe(true);
    // The clerk may not read users at all: the owner's fields are unknown, though the owner's id groups.
    expect(issuesOf('groupBy=owner.team', clerk)).toEqual([['/query/groupBy/0', 'query.field']]);
    expect(parse('groupBy=owner', clerk).ok).toBe(true);
  });

  it('reads share of a yes/no value as the condition that it is true', () => {
    const r = parse('measures=share:won,share:big,share:account.vip');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.query.measures.map((m) => (m.name === 'share' && m.when.kind === 'test' ? [m.key, m.when.path.text, m.when.op, m.when.value] : m))).toEqual([
      ['share:won', 'won', '$eq', { kind: 'literal', value: true }],
      ['share:big', 'big', '$eq', { kind: 'literal', value: true }],
      ['share:account.vip', 'account.vip', '$eq', { kind: 'literal', value: true }],
    ]);
    expect(issuesOf('measures=share:amount')).toEqual([['/query/measures/0', 'query.field']]);
    expect(issuesOf('measures=share:stage')).toEqual([['/query/measures/0', 'query.field']]);
    expect(issuesOf('measures=share')).toEqual([['/query/measures/0', 'query.value']]);
  });

  it('reads ratio as two numbers, each a field or a lookup\'s', () => {
    const r = parse('measures=ratio:amount/expected,ratio:amount/account.revenue');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.query.measures.map((m) => (m.name === 'ratio' ? [m.key, m.numerator.text, m.denominator.text] : m))).toEqual([
      ['ratio:amount/expected', 'amount', 'expected'], ['ratio:amount/account.revenue', 'amount', 'account.revenue'],
    ]);
    expect(issuesOf('measures=ratio:amount')).toEqual([['/query/measures/0', 'query.value']]);
    expect(issuesOf('measures=ratio:amount/expected/amount')).toEqual([['/query/measures/0', 'query.value']]);
    expect(issuesOf('measures=sum:amount/expected')).toEqual([['/query/measures/0', 'query.value']]);
    expect(issuesOf('measures=ratio:name/won')).toEqual([['/query/measures/0', 'query.field'], ['/query/measures/0', 'query.field']]);
    expect(issuesOf('measures=ratio:amount/amount,ratio:amount/amount')).toEqual([['/query/measures/1', 'query.value']]);
  });

  it('says what share and ratio want, in both languages', () => {
    const r = parse('measures=share:amount,ratio:x');
    if (r.ok) throw new Error('expected issues');
    const [share, ratio] = r.issues.map((i) => renderIssue({ ...i, file: '' }));
    expect(share!.message).toBe('entity "deal" has no field "amount" to take the share of rows where it is true (a yes/no field)');
    expect(share!.expected).toBe('one of won, big');
    expect(ratio!.message).toContain('ratio:<field>/<field>');
    expect(renderIssue({ ...r.issues[0]!, file: '' }, 'zh-CN').message).toContain('为真的行所占比例');
    expect(renderIssue({ ...r.issues[1]!, file: '' }, 'zh-CN').message).toContain('ratio:<字段>/<字段>');
  });
});
