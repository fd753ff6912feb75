import { quoteIdent } from '@tessera/core';
import { counted } from '../ddl';
import { blockingRows, countRows } from '../measure';
import { defineStep } from '../step';
import { createIndexSql, type IndexParams } from './add-index';

/** Makes values unique: rows sharing a value are counted first, and any duplicate blocks the step. */
export const addUnique = defineStep<IndexParams>({
  kind: 'addUnique',
  safety: 'safe',
  sql: (p) => createIndexSql(p, true),
  measure: async (db, p) => {
    const live = p.live!;
    const cols = live.columns.map(quoteIdent).join(', ');
    const present = live.columns.map((c) => `${quoteIdent(c)} is not null`).join(' and ');
    const duplicates = await blockingRows(db, live.table, {
      sql: `(${cols}) in (select ${cols} from ${quoteIdent(live.table)} where ${present} group by ${cols} having count(*) > 1)`,
      bindings: [],
    });
    const rows = await countRows(db, live.table);
    if (duplicates.blocking === 0) return { impact: { rows } };
    return {
      impact: { rows, ...duplicates },
      blocked: {
        en: `(${p.columns.join(', ')}) repeats in ${counted(duplicates.blocking, 'row')} of ${p.table}: make them unique first`,
        'zh-CN': `表 ${p.table} 中有 ${duplicates.blocking} 行的（${p.columns.join('、')}）值重复：请先消除重复`,
      },
    };
  },
  describe: (p) => ({
    en: `Make (${p.columns.join(', ')}) unique in ${p.table} (index ${p.name})`,
    'zh-CN': `使表 ${p.table} 的（${p.columns.join('、')}）唯一（索引 ${p.name}）`,
  }),
});
