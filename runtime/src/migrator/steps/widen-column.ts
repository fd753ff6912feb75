import { quoteIdent } from '@tessera/core';
import { countRows } from '../measure';
import { defineStep } from '../step';
import { typeChangeSql, typeChangeText, type TypeChangeParams } from './type-steps';

/** Gives a column more room of the same kind (longer text, more digits): every value fits as it is. */
export const widenColumn = defineStep<TypeChangeParams>({
  kind: 'widenColumn',
  safety: 'safe',
  sql: typeChangeSql,
  measure: async (db, p) => ({ impact: { rows: await countRows(db, p.live.table, { sql: `${quoteIdent(p.live.column)} is not null`, bindings: [] }) } }),
  describe: (p, impact) => typeChangeText({ en: 'Widen', 'zh-CN': '扩大列' }, p, impact.rows),
});
