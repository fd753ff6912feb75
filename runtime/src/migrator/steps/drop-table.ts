import { quoteIdent } from '@tessera/core';
import { counted, statement } from '../ddl';
import { countRows } from '../measure';
import { defineStep, type StepTarget } from '../step';

/** Drops a table Tessera created whose entity is gone: destructive, its rows are archived first and restorable. */
export const dropTable = defineStep<StepTarget & { readonly live: { readonly table: string } }>({
  kind: 'dropTable',
  safety: 'destructive',
  archive: 'table',
  // CASCADE removes only foreign keys of other tables that point here, never their rows.
  sql: (p) => [statement(`drop table ${quoteIdent(p.table)} cascade`)],
  measure: async (db, p) => ({ impact: { rows: await countRows(db, p.live.table) } }),
  describe: (p, impact) => ({
    en: `Drop table ${p.table}, archiving its ${counted(impact.rows ?? 0, 'row')} first`,
    'zh-CN': `删除表 ${p.table}，先归档其 ${impact.rows ?? 0} 行数据`,
  }),
});
