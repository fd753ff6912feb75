import { quoteIdent } from '@tessera/core';
import { at, counted, statement } from '../ddl';
import { countRows } from '../measure';
import { defineStep, type StepTarget } from '../step';

/** Drops a column Tessera created whose field is gone: destructive, its values are archived first and restorable. */
export const dropColumn = defineStep<StepTarget & { readonly column: string; readonly live: { readonly table: string; readonly column: string } }>({
  kind: 'dropColumn',
  safety: 'destructive',
  archive: 'column',
  sql: (p) => [statement(`alter table ${quoteIdent(p.table)} drop column ${quoteIdent(p.column)}`)],
  measure: async (db, p) => ({ impact: { rows: await countRows(db, p.live.table, { sql: `${quoteIdent(p.live.column)} is not null`, bindings: [] }) } }),
  describe: (p, impact) => ({
    en: `Drop column ${at(p.table, p.column)}, archiving its ${counted(impact.rows ?? 0, 'value')} first`,
    'zh-CN': `删除列 ${at(p.table, p.column)}，先归档其 ${impact.rows ?? 0} 个值`,
  }),
});
