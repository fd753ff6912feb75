import { quoteIdent } from '@tessera/core';
import { statement } from '../ddl';
import { defineStep, type StepTarget } from '../step';

/** Drops an index or unique index Tessera created that the model no longer wants; no data changes. */
export const dropIndex = defineStep<StepTarget & { readonly name: string; readonly unique: boolean }>({
  kind: 'dropIndex',
  safety: 'safe',
  sql: (p) => [statement(`drop index ${quoteIdent(p.name)}`)],
  describe: (p) => (p.unique
    ? { en: `Drop unique index ${p.name} on ${p.table}`, 'zh-CN': `删除表 ${p.table} 上的唯一索引 ${p.name}` }
    : { en: `Drop index ${p.name} on ${p.table}`, 'zh-CN': `删除表 ${p.table} 上的索引 ${p.name}` }),
});
