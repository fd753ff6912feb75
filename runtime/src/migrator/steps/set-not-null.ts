import { quoteIdent } from '@tessera/core';
import { at, counted, fillNulls, shown, statement } from '../ddl';
import { blockingRows } from '../measure';
import { defineStep, type StepTarget } from '../step';

interface SetNotNull extends StepTarget {
  readonly column: string;
  readonly type: string;
  /** The field's default: nulls are filled with it instead of blocking. */
  readonly fill?: unknown;
  readonly live: { readonly table: string; readonly column: string };
}

/** Makes a column required: its nulls are filled with the field's default, or they block the step. */
export const setNotNull = defineStep<SetNotNull>({
  kind: 'setNotNull',
  safety: 'safe',
  sql: (p) => [
    ...(p.fill === undefined ? [] : [fillNulls(p.table, p.column, p.type, p.fill)]),
    statement(`alter table ${quoteIdent(p.table)} alter column ${quoteIdent(p.column)} set not null`),
  ],
  measure: async (db, p) => {
    const nulls = await blockingRows(db, p.live.table, { sql: `${quoteIdent(p.live.column)} is null`, bindings: [] });
    if (p.fill !== undefined || nulls.blocking === 0) return { impact: { rows: nulls.blocking } };
    return {
      impact: { rows: nulls.blocking, ...nulls },
      blocked: {
        en: `${at(p.table, p.column)} is empty in ${counted(nulls.blocking, 'row')}: fill them or give the field a default`,
        'zh-CN': `${at(p.table, p.column)} 有 ${nulls.blocking} 行没有值：请先填写，或为该字段设置默认值`,
      },
    };
  },
  describe: (p, impact) => {
    const base = { en: `Require a value in ${at(p.table, p.column)} (not null)`, 'zh-CN': `将 ${at(p.table, p.column)} 设为必填（非空）` };
    if (p.fill === undefined || !impact.rows) return base;
    return { en: `${base.en}, filling ${counted(impact.rows, 'empty value')} with ${shown(p.fill)}`, 'zh-CN': `${base['zh-CN']}，${impact.rows} 个空值填入 ${shown(p.fill)}` };
  },
});
