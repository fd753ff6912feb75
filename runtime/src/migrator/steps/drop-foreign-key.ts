import { quoteIdent } from '@tessera/core';
import { statement } from '../ddl';
import { defineStep, type StepTarget } from '../step';

/** Drops a foreign key Tessera created that the model no longer wants (or wants with another rule); no data changes. */
export const dropForeignKey = defineStep<StepTarget & { readonly name: string }>({
  kind: 'dropForeignKey',
  safety: 'safe',
  sql: (p) => [statement(`alter table ${quoteIdent(p.table)} drop constraint ${quoteIdent(p.name)}`)],
  describe: (p) => ({ en: `Drop foreign key ${p.name} on ${p.table}`, 'zh-CN': `删除表 ${p.table} 上的外键 ${p.name}` }),
});
