import { quoteIdent } from '@tessera/core';
import { counted, statement } from '../ddl';
import { countRows } from '../measure';
import { defineStep, type StepTarget } from '../step';

/** The parameters of an index over columns; `live` names the columns as they are now, when they all exist. */
export interface IndexParams extends StepTarget {
  readonly name: string;
  readonly columns: readonly string[];
  /** The index method, when not btree. */
  readonly method?: 'gin';
  /** The function indexed for each column, in order (the column itself when missing). */
  readonly functions?: readonly string[];
  readonly live?: { readonly table: string; readonly columns: readonly string[] };
}

/** The CREATE INDEX statement of an index, unique or not. */
export const createIndexSql = (p: IndexParams, unique: boolean) => {
  const keys = p.columns.map((c, i) => (p.functions?.[i] ? `${quoteIdent(p.functions[i])}(${quoteIdent(c)})` : quoteIdent(c)));
  return [statement(`create ${unique ? 'unique ' : ''}index ${quoteIdent(p.name)} on ${quoteIdent(p.table)}${p.method ? ` using ${p.method}` : ''} (${keys.join(', ')})`)];
};

/** Adds an index (from the entity's indexes, or for a lookup); no data changes. */
export const addIndex = defineStep<IndexParams>({
  kind: 'addIndex',
  safety: 'safe',
  sql: (p) => createIndexSql(p, false),
  measure: async (db, p) => ({ impact: { rows: await countRows(db, p.live!.table) } }),
  describe: (p, impact) => ({
    en: `Add index ${p.name} on ${p.table} (${p.columns.join(', ')})${impact.rows ? `, over ${counted(impact.rows, 'row')}` : ''}`,
    'zh-CN': `在表 ${p.table}（${p.columns.join('、')}）上添加索引 ${p.name}${impact.rows ? `，涉及 ${impact.rows} 行` : ''}`,
  }),
});
