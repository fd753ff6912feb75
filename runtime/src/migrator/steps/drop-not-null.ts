import { quoteIdent } from '@tessera/core';
import { at, statement } from '../ddl';
import { defineStep, type StepTarget } from '../step';

/** Lets a column hold nulls again (the field is no longer required). */
export const dropNotNull = defineStep<StepTarget & { readonly column: string }>({
  kind: 'dropNotNull',
  safety: 'safe',
  sql: (p) => [statement(`alter table ${quoteIdent(p.table)} alter column ${quoteIdent(p.column)} drop not null`)],
  describe: (p) => ({ en: `Allow empty values in ${at(p.table, p.column)}`, 'zh-CN': `允许 ${at(p.table, p.column)} 为空` }),
});
