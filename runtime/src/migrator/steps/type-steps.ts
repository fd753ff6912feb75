import { quoteIdent } from '@tessera/core';
import type { Knex } from 'knex';
import { alterTypeSql, conversionFailure } from '../conversion';
import { at, counted } from '../ddl';
import { blockingRows, countRows, ensureConverter } from '../measure';
import type { Measured, StepTarget, Text } from '../step';

/** The parameters of every type change: the column, its live type and the wanted one. */
export interface TypeChangeParams extends StepTarget {
  readonly column: string;
  readonly from: string;
  readonly to: string;
  readonly live: { readonly table: string; readonly column: string };
}

/** The ALTER ... TYPE ... USING statement of a type change. */
export const typeChangeSql = (p: TypeChangeParams) => [alterTypeSql(p.table, p.column, p.from, p.to)];

/** Counts the values to convert and those that would fail, with sample ids; any failure blocks the step. */
export async function measureConversion(db: Knex.Transaction, p: TypeChangeParams): Promise<Measured> {
  const notNull = { sql: `${quoteIdent(p.live.column)} is not null`, bindings: [] };
  const rows = await countRows(db, p.live.table, notNull);
  if (rows === 0) return { impact: { rows, blocking: 0 } };
  await ensureConverter(db);
  const failing = await blockingRows(db, p.live.table, conversionFailure(p.live.column, p.from, p.to));
  if (failing.blocking === 0) return { impact: { rows, blocking: 0 } };
  const blocked: Text = {
    en: `${failing.blocking} of ${counted(rows, 'value')} of ${at(p.table, p.column)} cannot convert to ${p.to}: fix them first`,
    'zh-CN': `${at(p.table, p.column)} 的 ${rows} 个值中有 ${failing.blocking} 个无法转换为 ${p.to}：请先修正这些数据`,
  };
  return { impact: { rows, ...failing }, blocked };
}

/** "from → to" with the counts, in both languages. */
export const typeChangeText = (verb: Text, p: TypeChangeParams, rows = 0): Text => ({
  en: `${verb.en} ${at(p.table, p.column)} from ${p.from} to ${p.to} (${counted(rows, 'value')})`,
  'zh-CN': `${verb['zh-CN']} ${at(p.table, p.column)}：${p.from} → ${p.to}（${rows} 个值）`,
});
