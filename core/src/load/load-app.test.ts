import { renderIssue, sortIssues, type Issue } from '../errors/issue';
import type { AppModel } from '../model/app-model';
import { loadApp, type LoadOptions, type LoadResult } from './load-app';
import { memoryReader, type MetadataReader } from './reader';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const plugin = (name: string, dependsOn: Record<string, string> = {}, version = '1.0.0') => ({ name, version, label: label(name, `插件 ${name}`), dependsOn });

/** An in-memory app folder: JSON values are written out, strings are kept as raw text. */
const folder = (files: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(files).map(([path, value]) => [path, typeof value === 'string' ? value : JSON.stringify(value, null, 2)]));

const load = (files: Record<string, unknown>, options?: LoadOptions): Promise<LoadResult> => loadApp(memoryReader(folder(files)), options);

async function loaded(files: Record<string, unknown>, options?: LoadOptions): Promise<AppModel> {
  const result = await load(files, options);
  if (!result.ok) throw new Error(`expected the app to load:\n${result.issues.map((i) => `${i.file} ${i.path} ${i.code}`).join('\n')}`);
  return result.app;
}

const issuesOf = (result: LoadResult): readonly Issue[] => (result.ok ? [] : result.issues);
const where = (issues: readonly Issue[]) => issues.map((i) => `${i.file} ${i.path} ${i.code}`);

const deal = {
  name: 'deal', label: label('Deal', '交易'), titleField: 'name',
  fields: {
    name: { type: 'text', label: label('Name', '名称'), required: true },
    stage: { type: 'picklist', label: label('Stage', '阶段'), options: ['open', 'won', 'lost'] },
    amount: { type: 'currency', label: label('Amount', '金额') },
  },
};

describe('plugin order', () => {
  const chain = {
    'plugins/a/plugin.json': plugin('a', { b: '^1.0.0' }),
    'plugins/b/plugin.json': plugin('b', { c: '^1.0.0' }),
    'plugins/c/plugin.json': plugin('c'),
  };

  it.each([
    [['a', 'c', 'b']],
    [['c', 'b', 'a']],
    [['b', 'a', 'c']],
    [['a']],
  ])('follows dependsOn whatever app.json lists (%j)', async (plugins) => {
    const app = await loaded({ 'app.json': { name: 'shop', plugins }, ...chain });
    expect(app.layers.map((l) => l.name)).toEqual(['c', 'b', 'a', 'shop']);
    expect(app.layers.map((l) => l.kind)).toEqual(['plugin', 'plugin', 'plugin', 'app']);
  });

  it('reports a cycle once, with its path', async () => {
    const issues = issuesOf(await load({
      'app.json': { name: 'shop', plugins: ['a'] },
      'plugins/a/plugin.json': plugin('a', { b: '^1.0.0' }),
      'plugins/b/plugin.json': plugin('b', { c: '^1.0.0' }),
      'plugins/c/plugin.json': plugin('c', { a: '^1.0.0' }),
    }));
    expect(where(issues)).toEqual(['plugins/a/plugin.json /dependsOn/b plugin.cycle']);
    expect(issues[0]!.params.cycle).toEqual(['a', 'b', 'c', 'a']);
    expect(renderIssue(issues[0]!).message).toContain('a -> b -> c -> a');
  });

  it('names who needs a missing plugin', async () => {
    const issues = issuesOf(await load({
      'app.json': { name: 'shop', plugins: ['a', 'ghost'] },
      'plugins/a/plugin.json': plugin('a', { pricing: '^2.0.0' }),
    }));
    expect(where(issues)).toEqual(['app.json /plugins/1 plugin.missing', 'plugins/a/plugin.json /dependsOn/pricing plugin.missing']);
    expect(issues.map((i) => i.params.by)).toEqual(['shop', 'a']);
    expect(renderIssue(issues[1]!).message).toBe('plugin "pricing" is not installed (needed by a)');
    expect(renderIssue(issues[1]!, 'zh-CN').message).toContain('a 依赖它');
  });

  it('checks versions against ranges, prereleases included', async () => {
    const issues = issuesOf(await load({
      'app.json': { name: 'shop', plugins: ['a'] },
      'plugins/a/plugin.json': plugin('a', { b: '^1.0.0', c: '>=2.0.0-beta.1' }),
      'plugins/b/plugin.json': plugin('b', {}, '2.0.0'),
      'plugins/c/plugin.json': plugin('c', {}, '2.0.0-beta.3'),
    }));
    expect(where(issues)).toEqual(['plugins/a/plugin.json /dependsOn/b plugin.version']);
    expect(issues[0]!.params).toMatchObject({ name: 'b', version: '2.0.0', range: '^1.0.0', by: 'a' });
  });
});

describe('extends', () => {
  const layered = {
    'app.json': { name: 'shop', plugins: ['top', 'base', 'middle'] },
    'plugins/base/plugin.json': plugin('base'),
    'plugins/base/entities/deal.json': deal,
    'plugins/middle/plugin.json': plugin('middle', { base: '^1.0.0' }),
    'plugins/middle/entities/deal_more.json': { extends: 'deal', fields: { region: { type: 'text', label: label('Region', '区域') } }, addOptions: { stage: ['paused'] } },
    'plugins/top/plugin.json': plugin('top', { middle: '^1.0.0' }),
    'plugins/top/entities/deal_top.json': {
      extends: 'deal', fields: { score: { type: 'integer', label: label('Score', '评分') } }, addOptions: { stage: ['archived'] },
      indexes: [{ fields: ['region', 'score'] }], rules: [{ name: 'score_positive', when: { score: { $lt: 0 } }, message: label('Score cannot be negative', '评分不能为负') }],
    },
    'entities/deal_app.json': { extends: 'deal', fields: { memo: { type: 'longText', label: label('Memo', '备忘') } } },
  };

  it('merges extensions in layer order and records where each field came from', async () => {
    const entity = (await loaded(layered)).entities.deal!;
    expect(entity.origin).toBe('base');
    expect(entity.extendedBy).toEqual(['middle', 'top', 'shop']);
    expect(entity.fieldNames.filter((f) => !entity.fields[f]!.system)).toEqual(['name', 'stage', 'amount', 'region', 'score', 'memo']);
    expect(Object.fromEntries(['name', 'region', 'score', 'memo', 'id'].map((f) => [f, entity.fields[f]!.origin]))).toEqual({
      name: 'base', region: 'middle', score: 'top', memo: 'shop', id: 'system',
    });
    expect((entity.fields.stage!.definition as { options: string[] }).options).toEqual(['open', 'won', 'lost', 'paused', 'archived']);
    expect(entity.indexes).toEqual([{ fields: ['region', 'score'], unique: false }]);
    expect(entity.rules.map((r) => r.name)).toEqual(['score_positive']);
  });

  it('reports an extension of an entity no layer defines, with the ones that exist', async () => {
    const issues = issuesOf(await load({
      ...layered,
      'plugins/base/entities/widget_more.json': { extends: 'widget', fields: { size: { type: 'integer' } } },
    }));
    expect(where(issues)).toEqual(['plugins/base/entities/widget_more.json /extends extends.unknown']);
    expect(issues[0]!.params.known).toEqual(['deal']);
  });

  it('refuses to redefine another layer\'s field, naming its owner', async () => {
    const issues = issuesOf(await load({ ...layered, 'entities/deal_app.json': { extends: 'deal', fields: { region: { type: 'integer' } } } }));
    expect(where(issues)).toEqual(['entities/deal_app.json /fields/region extends.redefine']);
    expect(issues[0]!.params).toMatchObject({ field: 'region', entity: 'deal', owner: 'middle' });
  });
});

describe('role extensions', () => {
  const quote = { name: 'quote', label: label('Quote', '报价单'), fields: { title: { type: 'text', label: label('Title', '标题') } } };
  const files = {
    'app.json': { name: 'crm', plugins: ['sales'] },
    'plugins/core/plugin.json': plugin('core'),
    'plugins/core/entities/deal.json': deal,
    'plugins/core/roles/rep.json': { name: 'rep', label: label('Rep', '销售'), permissions: [{ action: 'read', subject: 'deal' }] },
    'plugins/core/roles/viewer.json': { name: 'viewer', label: label('Viewer', '只读'), permissions: [{ action: 'read', subject: 'deal' }] },
    'plugins/sales/plugin.json': plugin('sales', { core: '^1.0.0' }),
    'plugins/sales/entities/quote.json': quote,
    'plugins/sales/roles/rep_quotes.json': { extends: 'rep', inherits: ['viewer'], permissions: [{ action: ['read', 'create'], subject: 'quote', where: { ownerId: '$user.id' } }] },
  };

  it('adds a plugin\'s permissions and inherited roles to another layer\'s role', async () => {
    const app = await loaded(files);
    const role = app.roles.rep!;
    expect(role.inherits).toEqual(['viewer']);
    expect(role.permissions!.map((p) => p.subject)).toEqual(['deal', 'quote']);
  });

  it('reports an extension of a role no layer defines, and a permission on an unknown entity in the extension\'s file', async () => {
    const issues = issuesOf(await load({
      ...files,
      'plugins/sales/roles/rep_quotes.json': { extends: 'rep', permissions: [{ action: 'read', subject: 'invoice' }] },
      'plugins/sales/roles/boss.json': { extends: 'boss', permissions: [{ action: 'read', subject: 'quote' }] },
    }));
    expect(where(issues)).toEqual(['plugins/sales/roles/boss.json /extends extends.unknown', 'plugins/sales/roles/rep_quotes.json /permissions/0/subject ref.entity']);
  });
});

describe('first start', () => {
  it('keeps the users to create, and checks their roles and managers', async () => {
    const users = [{ email: 'boss@example.com', name: 'Boss', roles: ['admin'] }, { email: 'rep@example.com', name: 'Rep', roles: ['admin'], manager: 'boss@example.com' }];
    expect((await loaded({ 'app.json': { name: 'demo', firstStart: { seed: true, users } } })).firstStart).toEqual({ seed: true, users });
    const issues = issuesOf(await load({ 'app.json': { name: 'demo', firstStart: { users: [{ email: 'rep@example.com', name: 'Rep', roles: ['rep'], manager: 'nobody@example.com' }] } } }));
    expect(where(issues)).toEqual(['app.json /firstStart/users/0/manager ref.firstStartManager', 'app.json /firstStart/users/0/roles/0 ref.role']);
  });
});

describe('customizations', () => {
  const base = {
    'app.json': { name: 'shop', plugins: ['base', 'extra'] },
    'plugins/base/plugin.json': plugin('base'),
    'plugins/base/entities/deal.json': deal,
    'plugins/extra/plugin.json': plugin('extra', { base: '^1.0.0' }),
    'plugins/extra/entities/deal_extra.json': { extends: 'deal', fields: { region: { type: 'text', label: label('Region', '区域') } } },
    'customizations/labels.json': {
      patches: [{ target: { kind: 'entity', name: 'deal' }, ops: [{ op: 'replace', path: '/fields/region/label', value: label('Territory', '销售区域') }] }],
    },
  };
  const stored = (patches: unknown[]): LoadOptions => ({ customizations: [{ file: 'studio:draft', text: JSON.stringify({ patches }) }] });

  it('patches after extends, then applies the stored layer on top', async () => {
    const app = await loaded(base, stored([
      { target: { kind: 'entity', name: 'deal' }, ops: [{ op: 'add', path: '/fields/discount', value: { type: 'percent', label: label('Discount', '折扣') } }] },
      { target: { kind: 'entity', name: 'deal' }, ops: [{ op: 'replace', path: '/fields/region/label/en', value: 'Sales territory' }] },
    ]));
    const entity = app.entities.deal!;
    expect(entity.fields.region!.label).toEqual({ en: 'Sales territory', 'zh-CN': '销售区域' });
    expect(entity.fields.region!.origin).toBe('extra');
    expect(entity.fields.discount!.origin).toBe('customization');
    expect(entity.extendedBy).toEqual(['extra', 'shop', 'customization', 'customization']);
    expect(app.layers.at(-1)).toEqual({ name: 'customization', kind: 'customization', dir: '' });
  });

  it('validates the patched definition and says where the patch broke it', async () => {
    const issues = issuesOf(await load(base, stored([
      { target: { kind: 'entity', name: 'deal' }, ops: [{ op: 'replace', path: '/fields/amount', value: { type: 'currency', min: 'zero' } }] },
    ])));
    expect(where(issues)).toEqual(['studio:draft /patches/0 customization.result']);
    expect(issues[0]!.params).toMatchObject({ kind: 'entity', name: 'deal', at: '/fields/amount/min' });
    expect(renderIssue(issues[0]!, 'zh-CN').message).toContain('应用补丁后');
  });

  it('names the operation of a patch that cannot apply', async () => {
    const issues = issuesOf(await load(base, stored([{ target: { kind: 'entity', name: 'deal' }, ops: [
      { op: 'replace', path: '/fields/region/label/en', value: 'Area' },
      { op: 'remove', path: '/fields/nothing' },
    ] }])));
    expect(where(issues)).toEqual(['studio:draft /patches/0/ops/1 customization.patch']);
  });

  it('creates a whole definition from an add at ""', async () => {
    const app = await loaded(base, stored([{ target: { kind: 'role', name: 'viewer' }, ops: [{ op: 'add', path: '', value: { name: 'viewer', label: label('Viewer', '查看者'), permissions: [{ action: 'read', subject: 'deal' }] } }] }]));
    expect(app.roles.viewer?.permissions).toEqual([{ action: 'read', subject: 'deal' }]);
  });

  it('reports a stored customization that is not JSON under its own name', async () => {
    const issues = issuesOf(await load(base, { customizations: [{ file: 'studio:draft', text: '{"patches": [' }] }));
    expect(where(issues)).toEqual(['studio:draft  json.syntax']);
  });
});

describe('the model', () => {
  const shop = { 'app.json': { name: 'shop', label: label('Shop', '商店') }, 'entities/deal.json': deal };

  it('is deeply frozen', async () => {
    const app = await loaded(shop);
    const field = app.entities.deal!.fields.stage!;
    for (const value of [app, app.entities, app.entities.deal, field, field.definition, (field.definition as { options: string[] }).options, app.layers[0]]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
    expect(() => {
      (field.definition as { options: string[] }).options.push('cancelled');
    }).toThrow(/not extensible/);
    expect(() => {
      (app.entities.deal as { label: unknown }).label = { en: 'Changed' };
    }).toThrow(/read only/);
  });

  it('hashes content: stable under key order and whitespace, changed by a label', async () => {
    const { hash } = await loaded(shop);
    const reordered = {
      'app.json': '{"label":{"zh-CN":"商店","en":"Shop"},\n\n   "name":"shop"}',
      'entities/deal.json': JSON.stringify({ fields: deal.fields, titleField: 'name', label: { 'zh-CN': '交易', en: 'Deal' }, name: 'deal' }),
    };
    expect((await loaded(reordered)).hash).toBe(hash);
    const relabelled = { ...shop, 'entities/deal.json': { ...deal, label: label('Deal', '商机') } };
    expect((await loaded(relabelled)).hash).not.toBe(hash);
  });
});

describe('reporting', () => {
  it('reports every issue of a broken app in one run, sorted by file', async () => {
    const result = await load({
      'app.json': { name: 'shop', plugins: ['base', 'missing'] },
      'plugins/base/plugin.json': plugin('base'),
      'plugins/base/entities/deal.json': { ...deal, titleField: 'title', fields: { ...deal.fields, owner: { type: 'lookup', target: 'person' } } },
      'entities/broken.json': '{ "name": "broken", ',
      'entities/note.json': { name: 'note', label: label('Note', '备注'), fields: { body: { type: 'longText', maxLength: 0 } } },
      'roles/seller.json': { name: 'seller', label: label('Seller', '销售'), inherits: ['staff'], permissions: [{ action: 'read', subject: 'deal', fields: { deny: ['margin'] } }] },
      'layouts/deal.json': { name: 'deal_default', entity: 'deal', sections: [{ name: 'main', fields: ['name', 'stag'] }] },
    });
    const issues = issuesOf(result);
    expect(result.ok).toBe(false);
    expect(issues).toEqual(sortIssues(issues));
    expect(where(issues)).toEqual([
      'app.json /plugins/1 plugin.missing',
      'entities/broken.json  json.syntax',
      'entities/note.json /fields/body/maxLength schema.range',
      'layouts/deal.json /sections/0/fields/1 ref.field',
      'plugins/base/entities/deal.json /fields/owner/target ref.entity',
      'plugins/base/entities/deal.json /titleField ref.field',
      'roles/seller.json /inherits/0 ref.role',
      'roles/seller.json /permissions/0/fields/deny/0 ref.field',
    ]);
    expect(new Set(issues.map((i) => i.file)).size).toBe(6);
  });

  it('reads every file through readText, once, and nothing the listing leaves out', async () => {
    const files = folder({
      'app.json': { name: 'shop', plugins: ['base'] },
      'plugins/base/plugin.json': plugin('base'),
      'plugins/base/entities/deal.json': deal,
      'plugins/base/templates/hello.hbs': 'Hello {{name}}',
      'plugins/base/templates/hello.zh-CN.hbs': '你好 {{name}}',
      'entities/notes.txt': 'not metadata',
    });
    const inner = memoryReader(files);
    const read: string[] = [];
    const reader: MetadataReader = {
      readText: async (path) => {
        read.push(path);
        return inner.readText(path);
      },
      list: (dir, patterns) => inner.list(dir, patterns),
      resolvePlugin: (spec, from) => inner.resolvePlugin(spec, from),
    };
    const result = await loadApp(reader);
    expect(result.ok).toBe(true);
    expect(read.sort()).toEqual(Object.keys(files).filter((f) => !f.endsWith('.txt')).sort());
    expect(result.ok && result.app.templates.hello?.sources).toEqual({ default: 'Hello {{name}}', 'zh-CN': '你好 {{name}}' });
  });
});
