import { quoteIdent } from '@tessera/core';
import { createSequence } from '../autonumber';
import { at, columnDefinition, counted, fillNulls, shown, statement } from '../ddl';
import type { DesiredColumn } from '../desired-schema';
import { countRows } from '../measure';
import { defineStep, type StepTarget } from '../step';

interface AddColumn extends StepTarget {
  readonly column: string;
  readonly desired: DesiredColumn;
  /** The field's default, written into the existing rows. */
  readonly fill?: unknown;
}

// A column with an SQL default (system columns, autonumbers) is filled by PostgreSQL itself as it is added.
const filledBySql = (p: AddColumn) => p.desired.default !== undefined;

/** Adds a field's column; a required one is filled with the field's default, or blocked while the table has rows. */
export const addColumn = defineStep<AddColumn>({
  kind: 'addColumn',
  safety: 'safe',
  sql: (p) => [
    // An autonumber's default numbers the existing rows too, as the column is added.
    ...(p.desired.sequence ? [statement(createSequence(p.desired.sequence.name, p.desired.sequence.start))] : []),
    statement(`alter table ${quoteIdent(p.table)} add column ${columnDefinition(p.desired, filledBySql(p))}`),
    ...(p.fill !== undefined && !filledBySql(p) ? [fillNulls(p.table, p.column, p.desired.type, p.fill)] : []),
    ...(p.desired.notNull && !filledBySql(p) ? [statement(`alter table ${quoteIdent(p.table)} alter column ${quoteIdent(p.column)} set not null`)] : []),
  ],
  measure: async (db, p) => {
    const rows = await countRows(db, p.live!.table);
    const blocks = rows > 0 && p.desired.notNull && p.fill === undefined && !filledBySql(p);
    return blocks
      ? {
        impact: { rows, blocking: rows },
        blocked: {
          en: `${at(p.table, p.column)} is required but has no default, and the table has ${counted(rows, 'row')}: give the field a default`,
          'zh-CN': `${at(p.table, p.column)} 为必填且没有默认值，而表中已有 ${rows} 行：请为该字段设置默认值`,
        },
      }
      : { impact: { rows } };
  },
  describe: (p, impact) => {
    const what = { en: `Add column ${at(p.table, p.column)} (${p.desired.type}${p.desired.notNull ? ', not null' : ''})`, 'zh-CN': `添加列 ${at(p.table, p.column)}（${p.desired.type}${p.desired.notNull ? '，非空' : ''}）` };
    if (p.fill === undefined || !impact.rows) return what;
    return { en: `${what.en}, filling ${counted(impact.rows, 'existing row')} with ${shown(p.fill)}`, 'zh-CN': `${what['zh-CN']}，已有的 ${impact.rows} 行填入 ${shown(p.fill)}` };
  },
});
