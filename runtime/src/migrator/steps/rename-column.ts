import { quoteIdent } from '@tessera/core';
import { at, counted, statement } from '../ddl';
import { countRows } from '../measure';
import { defineStep, type StepTarget } from '../step';

/** Renames a column (the field has `renamedFrom`): its values stay. */
export const renameColumn = defineStep<StepTarget & { readonly column: string; readonly live: { readonly table: string; readonly column: string } }>({
  kind: 'renameColumn',
  safety: 'safe',
  sql: (p) => [statement(`alter table ${quoteIdent(p.table)} rename column ${quoteIdent(p.live.column)} to ${quoteIdent(p.column)}`)],
  measure: async (db, p) => ({
    impact: { rows: await countRows(db, p.live.table, { sql: `${quoteIdent(p.live.column)} is not null`, bindings: [] }) },
  }),
  describe: (p, impact) => ({
    en: `Rename column ${at(p.table, p.live.column)} to ${p.column}, keeping its ${counted(impact.rows ?? 0, 'value')}`,
    'zh-CN': `将列 ${at(p.table, p.live.column)} 重命名为 ${p.column}，保留其 ${impact.rows ?? 0} 个值`,
  }),
});
