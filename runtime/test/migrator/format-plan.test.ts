import { formatPlan } from '../../src/migrator/format-plan';
import type { MigrationPlan } from '../../src/migrator/plan';
import { stepKinds } from '../../src/migrator/steps';

const plan: MigrationPlan = {
  app: 'shop',
  hash: 'a'.repeat(64),
  appliedHash: 'b'.repeat(64),
  steps: [
    {
      kind: 'setNotNull', safety: 'safe', table: 'order', column: 'status',
      description: { en: 'Require a value in order.status (not null)', 'zh-CN': '将 order.status 设为必填（非空）' },
      sql: [{ sql: 'alter table "order" alter column "status" set not null', bindings: [] }],
      impact: { rows: 2, blocking: 2, samples: ['id-1', 'id-2'] },
      blocked: { en: '2 rows have no value in order.status', 'zh-CN': 'order.status 有 2 行没有值' },
    },
    {
      kind: 'dropColumn', safety: 'destructive', table: 'order', column: 'fax', archive: 'column',
      description: { en: 'Drop column order.fax, archiving its 3 values first', 'zh-CN': '删除列 order.fax，先归档其 3 个值' },
      sql: [{ sql: 'alter table "order" drop column "fax"', bindings: [] }],
      impact: { rows: 3 },
    },
  ],
};

describe('formatPlan', () => {
  it('prints a summary, then each step with its safety, reason, samples and SQL', () => {
    expect(formatPlan(plan, 'en')).toBe([
      'Migration plan for shop: 2 steps (1 safe, 1 destructive, 1 blocked)',
      'model aaaaaaaaaaaa, applied bbbbbbbbbbbb',
      '',
      '  1. [safe, BLOCKED] Require a value in order.status (not null)',
      '     BLOCKED: 2 rows have no value in order.status (e.g. ids id-1, id-2)',
      '     alter table "order" alter column "status" set not null;',
      '  2. [destructive] Drop column order.fax, archiving its 3 values first',
      '     the data is archived first and can be restored',
      '     alter table "order" drop column "fax";',
    ].join('\n'));
  });

  it('speaks Simplified Chinese and says when there is nothing to do', () => {
    expect(formatPlan(plan, 'zh-CN').split('\n')[0]).toBe('shop 的迁移计划：共 2 步（安全 1 步，破坏性 1 步，受阻 1 步）');
    expect(formatPlan(plan, 'zh-CN')).toContain('受阻: order.status 有 2 行没有值 (示例 id id-1, id-2)');
    expect(formatPlan({ ...plan, steps: [] }, 'en')).toBe('Nothing to migrate: the database matches shop (model aaaaaaaaaaaa).');
  });
});

describe('the step registry', () => {
  it('keys every definition by its own kind, in run order', () => {
    for (const [key, definition] of Object.entries(stepKinds)) expect(definition.kind).toBe(key);
    expect(Object.keys(stepKinds)[0]).toBe('renameTable');
    expect(Object.entries(stepKinds).filter(([, d]) => d.safety === 'destructive').map(([k]) => k)).toEqual(['narrowColumn', 'convertColumn', 'dropColumn', 'dropTable']);
  });
});
