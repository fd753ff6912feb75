import { quoteIdent } from '@tessera/core';
import { counted, statement } from '../ddl';
import { countRows } from '../measure';
import { defineStep, type StepTarget } from '../step';

/** Renames a table (the entity has `renamedFrom`): its rows stay where they are. */
export const renameTable = defineStep<StepTarget & { readonly live: { readonly table: string } }>({
  kind: 'renameTable',
  safety: 'safe',
  sql: (p) => [statement(`alter table ${quoteIdent(p.live.table)} rename to ${quoteIdent(p.table)}`)],
  measure: async (db, p) => ({ impact: { rows: await countRows(db, p.live.table) } }),
  describe: (p, impact) => ({
    en: `Rename table ${p.live.table} to ${p.table}, keeping its ${counted(impact.rows ?? 0, 'row')}`,
    'zh-CN': `将表 ${p.live.table} 重命名为 ${p.table}，保留其 ${impact.rows ?? 0} 行数据`,
  }),
});
