import { LOCALES } from '../i18n';
import { issueCatalogue, type IssueCode } from './catalogue';
import type { IssueDefinition } from './define';
import { formatIssue, issue, renderIssue } from './issue';

/** Parameters covering what any catalogue message reads: names, limits, lists, reasons in both languages. */
const SAMPLE = {
  name: 'amount', property: 'label', type: 'currency', allowed: ['draft', 'final'], tag: 'type', value: 'money',
  pattern: '^[a-z]+$', hint: 'a lower-case word', format: 'email', comparison: '≤', limit: 3, unit: 'items', i: 0, j: 1,
  reason: 'unexpected token', reasonZh: '意外的符号', declared: 'role.schema.json', kind: 'entity', by: 'crm-sales',
  version: '1.0.0', range: '^2.0.0', cycle: ['a', 'b', 'a'], dirs: ['plugins/a', 'vendor/a'], other: 'entities/a.json',
  reserved: ['user', 'team'], sql: 'close_date', bytes: 64, field: 'amount', entity: 'opportunity', owner: 'crm-sales',
  known: ['name', 'amount'], at: '/fields/amount', detail: 'missing "type"', detailZh: '缺少 "type"', op: '$gt',
  wanted: 'a number', wantedZh: '数字', got: 'text', resultType: 'currency', end: 'start', node: 'mgr', on: 'approved',
  outcomes: ['approved', 'rejected'], count: 2, max: 1, id: 'mgr', locale: 'zh-CN', low: 'min', lowValue: 10, high: 'max',
  highValue: 5, what: 'conditions', path: '/fields/x', header: 'Credit', first: 'Total', target: 'account', key: ['code'], expected: 'a number',
};

const codes = Object.keys(issueCatalogue) as IssueCode[];

describe('issue catalogue', () => {
  it('has codes to check', () => {
    expect(codes.length).toBeGreaterThan(40);
  });

  it.each(codes)('%s renders in every locale, with a zh-CN message of its own', (code) => {
    const item = issue(code, { file: 'entities/a.json', path: '/fields/amount' }, SAMPLE, 'found');
    const rendered = LOCALES.map((locale) => renderIssue(item, locale));
    for (const r of rendered) {
      expect(r.message.trim()).not.toBe('');
      expect(r.message).not.toMatch(/undefined|\[object Object\]/);
      if ((issueCatalogue[code] as IssueDefinition).expected) expect(r.expected?.trim()).toBeTruthy();
    }
    const [en, zh] = rendered;
    expect(zh!.message).not.toBe(en!.message);
    expect(formatIssue(item, 'zh-CN')).not.toBe(formatIssue(item, 'en'));
  });
});
