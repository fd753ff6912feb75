import type { AppModel } from '../model/app-model';
import { createAppModel } from '../model/create-app-model';
import { parseSearchRequest } from './search-request';
import { searchTermsOf } from './search-terms';

const app: AppModel = createAppModel({
  name: 'search', entities: [
    { name: 'account', label: { en: 'Account' }, fields: { name: { type: 'text', searchable: true }, size: { type: 'integer' } } },
    { name: 'contact', label: { en: 'Contact' }, fields: { name: { type: 'text', searchable: true }, email: { type: 'email', searchable: true } } },
    { name: 'note', label: { en: 'Note' }, fields: { body: { type: 'longText' } } },
  ].map((definition) => ({ definition, origin: 'test' }) as never),
});

const parse = (query: Record<string, string>) => parseSearchRequest(app, new URLSearchParams(query));
const issuesOf = (query: Record<string, string>) => {
  const parsed = parse(query);
  if (parsed.ok) throw new Error('expected issues');
  return parsed.issues.map((i) => [i.path, i.code]);
};

describe('search terms', () => {
  it('makes a Latin word a prefix, a CJK character a prefix, a longer run the AND of its pairs, checked by a pattern from 3 on', () => {
    expect(searchTermsOf('ACME 糖 糖酒 糖酒公司, a')).toEqual([
      { kind: 'word', text: 'acme', tsquery: "'acme':*" },
      { kind: 'cjk', text: '糖', tsquery: "'糖':*" },
      { kind: 'cjk', text: '糖酒', tsquery: "'糖酒'" },
      { kind: 'cjk', text: '糖酒公司', tsquery: "'糖酒' & '酒公' & '公司'", pattern: '%糖酒公司%' },
      { kind: 'word', text: 'a', tsquery: "'a'" },
    ]);
  });

  it('splits where the SQL function splits, and keeps each term once', () => {
    expect(searchTermsOf('bob@Acme.com acme四川').map((t) => t.text)).toEqual(['bob', 'acme', 'com', '四川']);
    expect(searchTermsOf(' ,.!? ')).toEqual([]);
  });
});

describe('parseSearchRequest', () => {
  it('searches every searchable entity by default, 20 hits at most', () => {
    const parsed = parse({ q: 'acme' });
    expect(parsed.ok && parsed.request.entities.map((e) => e.name)).toEqual(['account', 'contact']);
    expect(parsed.ok && parsed.request.limit).toBe(20);
  });

  it('takes the entities named, each once, and a limit', () => {
    const parsed = parse({ q: 'acme', entities: 'contact, contact', limit: '5' });
    expect(parsed.ok && parsed.request.entities.map((e) => e.name)).toEqual(['contact']);
    expect(parsed.ok && parsed.request.limit).toBe(5);
  });

  it('refuses a blank or empty text, one too long or with too many words', () => {
    expect(issuesOf({})).toEqual([['/query/q', 'query.value']]);
    expect(issuesOf({ q: '   ' })).toEqual([['/query/q', 'query.value']]);
    expect(issuesOf({ q: '%_*!' })).toEqual([['/query/q', 'query.value']]);
    expect(issuesOf({ q: 'a'.repeat(201) })).toEqual([['/query/q', 'query.value']]);
    expect(issuesOf({ q: 'a b c d e f g h i' })).toEqual([['/query/q', 'query.value']]);
  });

  it('refuses unknown, unsearchable and empty entity lists, bad limits and unknown or repeated parameters', () => {
    expect(issuesOf({ q: 'x', entities: 'account,nothing' })).toEqual([['/query/entities', 'query.value']]);
    expect(issuesOf({ q: 'x', entities: 'note' })).toEqual([['/query/entities', 'query.value']]);
    expect(issuesOf({ q: 'x', entities: ' , ' })).toEqual([['/query/entities', 'query.value']]);
    for (const limit of ['0', '101', '1.5', '-1', 'ten']) expect(issuesOf({ q: 'x', limit })).toEqual([['/query/limit', 'query.value']]);
    expect(issuesOf({ q: 'x', sort: 'name' })).toEqual([['/query/sort', 'query.parameter']]);
    const repeated = parseSearchRequest(app, new URLSearchParams('q=a&q=b'));
    expect(!repeated.ok && repeated.issues.map((i) => i.path)).toEqual(['/query/q']);
  });

  it('names the entities the caller may search when one is unknown', () => {
    const parsed = parse({ q: 'x', entities: 'nothing' });
    expect(!parsed.ok && parsed.issues[0]!.params).toEqual(expect.objectContaining({ wanted: 'names of entities you may search, among: account, contact' }));
  });
});
