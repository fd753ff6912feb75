import { quoteIdent } from '@tessera/core';
import { at, counted, statement } from '../ddl';
import { blockingRows } from '../measure';
import { defineStep, type StepTarget } from '../step';

type OnDelete = 'restrict' | 'setNull' | 'cascade';

interface AddForeignKey extends StepTarget {
  readonly column: string;
  readonly name: string;
  /** The referenced table, and its name now (absent when the plan creates it). */
  readonly target: string;
  readonly liveTarget?: string;
  readonly onDelete: OnDelete;
  readonly live?: { readonly table: string; readonly column: string };
}

const ON_DELETE: Record<OnDelete, { sql: string; en: string; 'zh-CN': string }> = {
  restrict: { sql: 'restrict', en: 'refuse deleting a referenced record', 'zh-CN': '被引用的记录不可删除' },
  setNull: { sql: 'set null', en: 'clear the reference when the record is deleted', 'zh-CN': '记录删除时清空引用' },
  cascade: { sql: 'cascade', en: 'delete along with the referenced record', 'zh-CN': '随被引用的记录一并删除' },
};

/** Adds a lookup's foreign key with its delete rule: values pointing at no record (orphans) block it. */
export const addForeignKey = defineStep<AddForeignKey>({
  kind: 'addForeignKey',
  safety: 'safe',
  sql: (p) => [statement(`alter table ${quoteIdent(p.table)} add constraint ${quoteIdent(p.name)} foreign key (${quoteIdent(p.column)}) references ${quoteIdent(p.target)} ("id") on delete ${ON_DELETE[p.onDelete].sql}`)],
  measure: async (db, p) => {
    const live = p.live!;
    const col = `${quoteIdent(live.table)}.${quoteIdent(live.column)}`;
    const orphan = p.liveTarget === undefined ? `${col} is not null`
      // Compared as text: the column may still have its old type (a conversion to a lookup runs in the same plan).
      : `${col} is not null and not exists (select 1 from ${quoteIdent(p.liveTarget)} t where t."id"::text = ${col}::text)`;
    const orphans = await blockingRows(db, live.table, { sql: orphan, bindings: [] });
    if (orphans.blocking === 0) return { impact: {} };
    return {
      impact: orphans,
      blocked: {
        en: `${at(p.table, p.column)} points at no ${p.target} record in ${counted(orphans.blocking, 'row')}: clear or fix them first`,
        'zh-CN': `表 ${p.table} 有 ${orphans.blocking} 行的 ${p.column} 指向不存在的 ${p.target} 记录：请先清空或修正`,
      },
    };
  },
  describe: (p) => ({
    en: `Link ${at(p.table, p.column)} to ${p.target} (foreign key ${p.name}; ${ON_DELETE[p.onDelete].en})`,
    'zh-CN': `将 ${at(p.table, p.column)} 关联到 ${p.target}（外键 ${p.name}；${ON_DELETE[p.onDelete]['zh-CN']}）`,
  }),
});
