import { quoteIdent } from '@tessera/core';
import { createSequence } from '../autonumber';
import { at, counted, statement } from '../ddl';
import type { DesiredColumn } from '../desired-schema';
import { countRows } from '../measure';
import { defineStep, type StepTarget } from '../step';

interface NumberColumn extends StepTarget {
  readonly column: string;
  readonly desired: DesiredColumn;
}

/**
 * Makes an existing column an autonumber (a field changed to autonumber, or one created before autonumbers had their
 * default): its sequence and default, then a number for every row that has none. Values already there are kept.
 */
export const numberColumn = defineStep<NumberColumn>({
  kind: 'numberColumn',
  safety: 'safe',
  sql: (p) => [
    statement(createSequence(p.desired.sequence!.name, p.desired.sequence!.start)),
    statement(`alter table ${quoteIdent(p.table)} alter column ${quoteIdent(p.column)} set default ${p.desired.default!}`),
    statement(`update ${quoteIdent(p.table)} set ${quoteIdent(p.column)} = default where ${quoteIdent(p.column)} is null`),
  ],
  measure: async (db, p) => ({ impact: { rows: await countRows(db, p.live!.table, { sql: `${quoteIdent(p.live!.column!)} is null`, bindings: [] }) } }),
  describe: (p, impact) => ({
    en: `Number ${at(p.table, p.column)} automatically${impact.rows ? `, giving ${counted(impact.rows, 'row')} without a value a number` : ''}`,
    'zh-CN': `为 ${at(p.table, p.column)} 自动编号${impact.rows ? `，为 ${impact.rows} 行无值的记录编号` : ''}`,
  }),
});
