import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderIssue, type Issue } from '../errors/issue';
import { loadApp, type LoadResult } from './load-app';
import { memoryReader } from './reader';

const FIXTURES = join(__dirname, '../../../metadata/fixtures');
const VALID = join(FIXTURES, 'valid');
const INVALID = join(FIXTURES, 'invalid');

/** Every file under a folder, recursively, as absolute paths. */
const walk = (dir: string): string[] =>
  readdirSync(dir).sort().flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));

/** The files of an app folder as a path-to-text map, relative to the folder. */
const appFiles = (dir: string): Record<string, string> =>
  Object.fromEntries(walk(dir).map((file) => [relative(dir, file).split('\\').join('/'), readFileSync(file, 'utf8')]));

interface InvalidCase {
  readonly description: string;
  readonly base: string;
  readonly files: Record<string, unknown>;
  readonly expected: ReadonlyArray<{ readonly file: string; readonly path: string; readonly code: string }>;
}

/** A base folder's files with a case's overlay: a JSON value is written out, a string is raw text, null deletes. */
function overlay(base: Record<string, string>, files: Record<string, unknown>): Record<string, string> {
  const out = { ...base };
  for (const [path, value] of Object.entries(files)) {
    if (value === null) delete out[path];
    else out[path] = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  }
  return out;
}

const triples = (items: ReadonlyArray<{ file: string; path: string; code: string }>): string[] =>
  items.map((i) => `${i.file} ${i.path} ${i.code}`).sort();

const issuesOf = (result: LoadResult): readonly Issue[] => (result.ok ? [] : result.issues);

const validApps = readdirSync(VALID).sort();
const invalidCases = readdirSync(INVALID).sort().flatMap((area) =>
  readdirSync(join(INVALID, area)).sort().map((file): [string, InvalidCase] => [`${area}/${file.replace(/\.json$/, '')}`, JSON.parse(readFileSync(join(INVALID, area, file), 'utf8')) as InvalidCase]));

describe('fixture sets', () => {
  it('holds the valid apps and at least 55 invalid cases', () => {
    expect(validApps).toEqual(expect.arrayContaining(['minimal', 'sales']));
    expect(invalidCases.length).toBeGreaterThanOrEqual(55);
  });

  it('gives every invalid case a description, a known base and at least one expected issue', () => {
    const malformed = invalidCases.filter(([, c]) => !c.description || !validApps.includes(c.base) || !c.expected.length || !c.files);
    expect(malformed.map(([name]) => name)).toEqual([]);
  });
});

describe('valid fixtures', () => {
  it.each(validApps)('%s loads without issues', async (name) => {
    const result = await loadApp(memoryReader(appFiles(join(VALID, name))));
    expect(issuesOf(result).map((i) => `${i.file} ${i.path} ${i.code}`)).toEqual([]);
    expect(result.ok && result.app.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  describe('sales', () => {
    const load = async () => {
      const result = await loadApp(memoryReader(appFiles(join(VALID, 'sales'))));
      if (!result.ok) throw new Error('sales does not load');
      return result.app;
    };

    it('orders plugins by dependsOn, whatever app.json lists first', async () => {
      const app = await load();
      expect(app.layers.map((l) => `${l.kind}:${l.name}`)).toEqual(['plugin:crm-core', 'plugin:crm-sales', 'plugin:crm-analytics', 'app:sales']);
    });

    it('merges the extension from crm-analytics into crm-sales\' opportunity', async () => {
      const opportunity = (await load()).entities.opportunity!;
      expect(opportunity.origin).toBe('crm-sales');
      expect(opportunity.extendedBy).toEqual(['crm-analytics', 'sales']);
      expect(opportunity.fields.forecastCategory?.origin).toBe('crm-analytics');
      expect(opportunity.fields.amount?.origin).toBe('crm-sales');
      const stage = opportunity.fields.stage!.definition as { options: Array<{ value: string }> };
      expect(stage.options.map((o) => o.value).at(-1)).toBe('on_hold');
      expect(opportunity.rules.map((r) => r.name)).toEqual(['won_needs_amount', 'discount_ceiling', 'commit_needs_close_date']);
      expect(opportunity.indexes.map((i) => i.fields.join('+'))).toEqual(['stage+closeDate', 'forecastCategory+closeDate', 'account+name']);
    });

    it('applies the app\'s customization after extends', async () => {
      const app = await load();
      expect(app.entities.account!.fields.region?.origin).toBe('sales');
      expect(app.entities.opportunity!.fields.nextStep?.label).toEqual({ en: 'Next action', 'zh-CN': '下一步行动' });
      expect(app.roles.auditor?.inherits).toEqual(['employee']);
    });

    it('extends layouts and keeps both template languages', async () => {
      const app = await load();
      expect(app.layouts.opportunity_default!.sections.map((s) => s.name)).toEqual(['main', 'money', 'forecast']);
      expect(app.layouts.opportunity_default!.sections[0]!.fields.at(-1)).toBe('forecastCategory');
      expect(app.layouts.account_default!.relatedLists?.map((r) => r.entity)).toEqual(['contact', 'opportunity']);
      expect(Object.keys(app.templates.approval_result!.sources).sort()).toEqual(['default', 'zh-CN']);
    });
  });
});

describe('invalid fixtures', () => {
  const bases = new Map(validApps.map((name) => [name, appFiles(join(VALID, name))]));

  it.each(invalidCases)('%s reports exactly its expected issues', async (_name, c) => {
    const result = await loadApp(memoryReader(overlay(bases.get(c.base)!, c.files)));
    const issues = issuesOf(result);
    expect(triples(issues)).toEqual(triples(c.expected));
    for (const item of issues) {
      const en = renderIssue(item, 'en');
      const zh = renderIssue(item, 'zh-CN');
      expect(en.message.trim()).not.toBe('');
      expect(zh.message.trim()).not.toBe('');
      expect(zh.message).not.toBe(en.message);
    }
  });
});
