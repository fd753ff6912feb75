import { createAppModel } from '../model/create-app-model';
import { mapColumns } from './column-mapping';
import { parseImportOptions, upsertKeys } from './import-options';
import { lineValues } from './row-values';

const app = createAppModel({
  name: 'crm',
  entities: [
    { origin: 'crm', definition: { name: 'account', label: { en: 'Account', 'zh-CN': '客户' }, titleField: 'name', fields: {
      name: { type: 'text', label: { en: 'Name', 'zh-CN': '名称' } }, code: { type: 'text', unique: true, label: { en: 'Code', 'zh-CN': '编码' } },
    } } },
    { origin: 'crm', definition: { name: 'contact', label: { en: 'Contact', 'zh-CN': '联系人' }, fields: {
      name: { type: 'text', label: { en: 'Name', 'zh-CN': '姓名' } },
      account: { type: 'lookup', target: 'account', label: { en: 'Account', 'zh-CN': '客户' } },
      score: { type: 'integer', label: { en: 'Score', 'zh-CN': '评分' } },
      tier: { type: 'picklist', options: [{ value: 'a', label: { en: 'Gold', 'zh-CN': '金牌' } }, 'b'], label: { en: 'Tier' } },
      secret: { type: 'text', label: { en: 'Secret' } },
      locked: { type: 'text', readOnly: true },
    }, unique: [['account', 'name']] } },
  ],
});
const contact = app.entities.contact!;
const all = () => true;

describe('mapping columns', () => {
  it('matches names and labels in any language, ignoring case, width and spaces', () => {
    const { mapping, issues } = mapColumns(app, contact, [' 姓名 ', 'ACCOUNT', 'Ｓｃｏｒｅ', 'Tier (tier)', 'ID', 'Created at', 'Whatever', 'locked'], all);
    expect(issues).toEqual([]);
    expect(mapping.columns.map((c) => [c.index, c.field])).toEqual([[0, 'name'], [1, 'account'], [2, 'score'], [3, 'tier'], [4, 'id']]);
    expect(mapping.ignored.map((c) => [c.header, c.reason])).toEqual([['Created at', 'readOnly'], ['Whatever', 'unknown'], ['locked', 'readOnly']]);
  });

  it('reads "lookup.field" as a lookup found by another field of its target, in names or labels', () => {
    const { mapping } = mapColumns(app, contact, ['客户.编码', 'account.name'], all);
    expect(mapping.columns).toEqual([{ index: 0, header: '客户.编码', field: 'account', by: 'code' }]);
    expect(mapColumns(app, contact, ['account.nope'], all).issues[0]).toMatchObject({ code: 'import.target', path: '/columns/0', params: { target: 'account', name: 'nope' } });
  });

  it('follows an explicit mapping, and reports what it cannot follow', () => {
    const { mapping, issues } = mapColumns(app, contact, ['A', 'B', 'C', 'D'], (f) => f !== 'secret', { A: 'name', B: null, C: 'secret', D: 'nope', E: 'score' });
    expect(mapping.columns.map((c) => c.field)).toEqual(['name']);
    expect(mapping.ignored).toEqual([{ index: 1, header: 'B', reason: 'ignored' }]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([['import.forbidden', '/columns/2'], ['import.column', '/columns/3'], ['import.missing', '/mapping']]);
    expect(mapColumns(app, contact, ['name', '姓名'], all).issues[0]).toMatchObject({ code: 'import.repeated', params: { first: 'name', field: 'name' } });
  });
});

describe('line values', () => {
  const { mapping } = mapColumns(app, contact, ['id', 'name', 'account', 'score', 'tier', 'account.code'].slice(0, 5), all);
  it('coerces cells through the field types; empty is null; a UUID is an id, other text names the target by its title', () => {
    const id = '0F3E8F5A-1B2C-4D5E-8F90-A1B2C3D4E5F6';
    const v = lineValues(contact, app, mapping, [id, ' Ann ', 'Acme', '1,200', '金牌']);
    expect(v).toEqual({ id: id.toLowerCase(), body: { name: 'Ann', score: 1200, tier: 'a' }, issues: [], lookups: [{ field: 'account', target: 'account', by: 'name', value: 'Acme', header: 'account' }] });
    expect(lineValues(contact, app, mapping, ['', '', id, '', '']).body).toEqual({ name: null, account: id.toLowerCase(), score: null, tier: null });
  });

  it('reports each bad cell with its column and what was expected', () => {
    const v = lineValues(contact, app, mapping, ['x', 'Ann', '', 'many', 'silver']);
    expect(v.issues.map((i) => [i.path, i.params.value, i.params.expected])).toEqual([
      ['/columns/0', 'x', 'a UUID'], ['/columns/3', 'many', 'a whole number such as 1200 or 1,200'], ['/columns/4', 'silver', 'one of a, b'],
    ]);
  });
});

describe('import options', () => {
  const params = (q: string) => new URLSearchParams(q);
  it('defaults to an all-or-nothing insert, and offers id and each unique key for upserts', () => {
    expect(parseImportOptions(contact, params(''), 'csv')).toEqual({ ok: true, options: { format: 'csv', mode: 'insert', onError: 'rollback', key: ['id'], mapping: {} } });
    expect(upsertKeys(app.entities.account!)).toEqual([['id'], ['code']]);
    expect(upsertKeys(contact)).toEqual([['id'], ['account', 'name']]);
    const upsert = parseImportOptions(contact, params('mode=upsert&key=name,account&onError=skip&mapping={"A":"name"}'), 'xlsx');
    expect(upsert).toMatchObject({ ok: true, options: { mode: 'upsert', key: ['name', 'account'], onError: 'skip', mapping: { A: 'name' } } });
  });

  it('refuses unknown choices, keys that identify nothing and malformed mappings', () => {
    const bad = parseImportOptions(contact, params('mode=merge&key=score&onError=x&mapping={"A":1}'));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.map((i) => i.path)).toEqual(['/format', '/mode', '/onError', '/mapping']);
    expect(parseImportOptions(contact, params('mode=upsert&key=score'), 'csv')).toMatchObject({ ok: false, issues: [{ code: 'import.key', path: '/key' }] });
  });
});
