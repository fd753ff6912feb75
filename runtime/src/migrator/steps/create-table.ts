import { quoteIdent } from '@tessera/core';
import { createSequence } from '../autonumber';
import { columnDefinition, statement } from '../ddl';
import type { DesiredColumn } from '../desired-schema';
import { defineStep, type StepTarget } from '../step';

/** Creates a new entity's table with every column; indexes and foreign keys follow as steps of their own. */
export const createTable = defineStep<StepTarget & { readonly columns: readonly DesiredColumn[] }>({
  kind: 'createTable',
  safety: 'safe',
  sql: (p) => [
    ...p.columns.flatMap((c) => (c.sequence ? [statement(createSequence(c.sequence.name, c.sequence.start))] : [])),
    statement(`create table ${quoteIdent(p.table)} (${p.columns.map((c) => columnDefinition(c, true)).join(', ')})`),
  ],
  describe: (p) => ({
    en: `Create table ${p.table} with ${p.columns.length} columns`,
    'zh-CN': `创建表 ${p.table}，共 ${p.columns.length} 列`,
  }),
});
