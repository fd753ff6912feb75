import { renderIssue, type Issue } from '../../errors/issue';
import { loadApp, type LoadResult } from '../load-app';
import { memoryReader } from '../reader';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const folder = (files: Record<string, unknown>) => Object.fromEntries(Object.entries(files).map(([p, v]) => [p, JSON.stringify(v, null, 2)]));
const load = (files: Record<string, unknown>): Promise<LoadResult> => loadApp(memoryReader(folder(files)));
const where = (result: LoadResult) => (result.ok ? [] : result.issues.map((i) => `${i.file} ${i.path} ${i.code}`));
const issues = (result: LoadResult): readonly Issue[] => (result.ok ? [] : result.issues);

const account = (duplicateRules: unknown[]) => ({
  name: 'account', label: label('Account', '客户'),
  fields: {
    name: { type: 'text', maxLength: 200 }, city: { type: 'text', maxLength: 40 }, email: { type: 'email' }, phone: { type: 'phone' },
    size: { type: 'integer' }, notes: { type: 'longText' }, data: { type: 'json' }, tags: { type: 'multiPicklist', options: ['a', 'b'] },
    total: { type: 'formula', expression: 'size * 2', resultType: 'integer' }, wide: { type: 'text', maxLength: 600 },
  },
  duplicateRules,
});
const rule = (name: string, fields: Array<[string, string]>, action = 'warn') => ({ name, fields: fields.map(([field, match]) => ({ field, match })), action });

describe('duplicate rules', () => {
  it('load with the entity, rules added by another plugin after its own', async () => {
    const result = await load({
      'app.json': { name: 'shop', plugins: ['crm', 'sales'] },
      'plugins/crm/plugin.json': { name: 'crm', version: '1.0.0', label: label('CRM', '客户管理') },
      'plugins/crm/entities/account.json': account([{ ...rule('same_name', [['name', 'normalized'], ['city', 'exact']]), label: label('Same name', '同名'), message: label('Same name', '名称重复') }]),
      'plugins/sales/plugin.json': { name: 'sales', version: '1.0.0', label: label('Sales', '销售'), dependsOn: { crm: '^1.0.0' } },
      'plugins/sales/entities/account_more.json': { extends: 'account', duplicateRules: [rule('same_phone', [['phone', 'normalized']], 'block')] },
    });
    expect(where(result)).toEqual([]);
    expect(result.ok && result.app.entities.account!.duplicateRules.map((r) => [r.name, r.action])).toEqual([['same_name', 'warn'], ['same_phone', 'block']]);
  });

  it('report unknown fields, fields that cannot be matched (that way), fields named twice and repeated names, each where it is', async () => {
    const result = await load({
      'app.json': { name: 'shop', plugins: ['crm'] },
      'plugins/crm/plugin.json': { name: 'crm', version: '1.0.0', label: label('CRM', '客户管理') },
      'plugins/crm/entities/account.json': account([
        rule('by_ghost', [['ghost', 'exact']]),
        rule('by_content', [['notes', 'exact'], ['data', 'exact'], ['tags', 'exact'], ['total', 'exact']]),
        rule('by_size', [['size', 'normalized'], ['name', 'normalized'], ['name', 'exact']]),
        rule('by_size', [['size', 'exact']]),
      ]),
      'entities/account_more.json': { extends: 'account', duplicateRules: [rule('by_ghost', [['email', 'normalized']])] },
    });
    const crm = 'plugins/crm/entities/account.json';
    expect(where(result)).toEqual([
      'entities/account_more.json /duplicateRules/0/name name.duplicate',
      `${crm} /duplicateRules/0/fields/0/field ref.field`,
      `${crm} /duplicateRules/1/fields/0/field ref.fieldType`,
      `${crm} /duplicateRules/1/fields/1/field ref.fieldType`,
      `${crm} /duplicateRules/1/fields/2/field ref.fieldType`,
      `${crm} /duplicateRules/1/fields/3/field ref.fieldType`,
      `${crm} /duplicateRules/2/fields/0/field ref.fieldType`,
      `${crm} /duplicateRules/2/fields/2/field duplicateRule.fieldTwice`,
      `${crm} /duplicateRules/3/name name.duplicate`,
    ]);
    const normalized = issues(result).find((i) => i.path === '/duplicateRules/2/fields/0/field')!;
    expect(renderIssue(normalized).expected).toBe('a text, email, phone field, or "match": "exact"');
    expect(renderIssue(normalized, 'zh-CN').expected).toBe('text、email、phone 类型的字段，或 "match": "exact"');
    expect(renderIssue(issues(result)[0]!).message).toBe(`duplicate rule "by_ghost" is already defined in ${crm}`);
  });

  it('refuse a rule wider than an index entry', async () => {
    const result = await load({ 'app.json': { name: 'shop' }, 'entities/account.json': account([rule('wide', [['wide', 'exact'], ['name', 'normalized']])]) });
    expect(where(result)).toEqual(['entities/account.json /duplicateRules/0/fields duplicateRule.tooWide']);
    expect(renderIssue(issues(result)[0]!).message).toBe('the fields of duplicate rule "wide" may hold up to 3200 bytes, more than an index entry holds');
  });

  it('refuse a rule without fields and unknown actions by their schema', async () => {
    const result = await load({
      'app.json': { name: 'shop' },
      'entities/contact.json': { name: 'contact', label: label('Contact', '联系人'), fields: { name: { type: 'text' } }, duplicateRules: [rule('none', []), { ...rule('odd', [['name', 'exact']]), action: 'merge' }] },
    });
    expect(where(result)).toEqual(['entities/contact.json /duplicateRules/0/fields schema.length', 'entities/contact.json /duplicateRules/1/action schema.enum']);
  });
});
