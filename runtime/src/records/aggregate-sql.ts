import {
  aggregateKindOf, aliasSource, conditionToSql, datePartSql, fieldSql, fieldTypes, joinSql, quoteIdent,
  type AggregateQuery, type AppModel, type GroupKey, type Measure, type SqlContext, type SqlFragment,
} from '@tessera/core';
import type { Knex } from 'knex';
import { reusable, run } from '../db/statement';
import type { ListSqlOptions } from './list-sql';

const ROW = 'r';

/**
 * Builds one statement: a column per group key and per measure under its key, the filter and the caller's row scope
 * (as a list has them), grouped and ordered by the keys, one group past the limit to tell that groups were left off.
 */
export function buildAggregateSql(app: AppModel, query: AggregateQuery, options: ListSqlOptions): SqlFragment {
  const entity = query.entity;
  const ctx: SqlContext = { app, alias: ROW, values: options.values, nextAlias: aliasSource('j') };
  const scopeOf = options.scopeOf ?? (() => undefined);
  const groups = query.groupBy.map((g) => groupSql(g, ctx));
  const columns = [
    ...query.groupBy.map((g, i) => as(groups[i]!.value, g.key)),
    ...query.measures.map((m) => as(measureSql(m, ctx), m.key)),
  ];
  const scope = scopeOf(entity.name);
  // The filter reads through lookups only into rows the caller may read, as a list's does.
  const filterCtx: SqlContext = { ...ctx, lookupScope: (name, alias) => scopeOf(name)?.sql({ ...ctx, alias }) };
  const where = joinSql([conditionToSql(query.filter, filterCtx), ...(scope ? [scope.sql(ctx)] : [])].map(wrap), ' and ');
  const parts = [
    joinSql([{ sql: 'select', bindings: [] }, joinSql(columns, ', ')], ' '),
    { sql: `from ${quoteIdent(entity.table)} as ${quoteIdent(ROW)} where`, bindings: [] },
    where,
  ];
  if (groups.length) {
    // Grouped by position, so each key's expression (and its bindings) is written once; the order reads the grouped values.
    parts.push({ sql: `group by ${groups.map((_, i) => i + 1).join(', ')} order by`, bindings: [] });
    parts.push(joinSql(groups.map((g) => g.order), ', '));
  }
  parts.push({ sql: `limit ${query.limit + 1}`, bindings: [] });
  return joinSql(parts, ' ');
}

/** The groups of an aggregate query, and whether more groups than the limit exist. */
export interface AggregateAnswer {
  readonly data: Record<string, unknown>[];
  readonly truncated: boolean;
}

/** Runs an aggregate query: numbers as PostgreSQL returns them (sums of numeric as text, counts as numbers). */
export async function aggregate(db: Knex | Knex.Transaction, app: AppModel, query: AggregateQuery, options: ListSqlOptions): Promise<AggregateAnswer> {
  const built = buildAggregateSql(app, query, options);
  const rows = await run(db, reusable(built.sql, app.hash), built.bindings);
  return { data: rows.slice(0, query.limit), truncated: rows.length > query.limit };
}

const wrap = (f: SqlFragment): SqlFragment => ({ sql: `(${f.sql})`, bindings: f.bindings });
const as = (f: SqlFragment, name: string): SqlFragment => ({ sql: `${f.sql} as ${quoteIdent(name)}`, bindings: f.bindings });

/** A key's value, and what it orders by: a date part's text sorts by time; a field sorts as its type sorts lists. */
function groupSql(g: GroupKey, ctx: SqlContext): { value: SqlFragment; order: SqlFragment } {
  const column = fieldSql(g.field, ctx);
  if (g.part) {
    const value = datePartSql(g.field, column, g.part);
    return { value, order: { sql: `${value.sql} collate "C"`, bindings: value.bindings } };
  }
  const sort = fieldTypes.get(g.field.type).sortSql;
  return { value: column, order: sort ? sort(column, g.field.definition as never) : column };
}

function measureSql(m: Measure, ctx: SqlContext): SqlFragment {
  // count(*) is a bigint, which node-postgres answers as text: counts are cast to int to answer numbers.
  if (m.name === 'count') return { sql: 'count(*)::int', bindings: [] };
  const value = fieldSql(m.field!, ctx);
  if (m.name === 'countDistinct') return { sql: `count(distinct ${value.sql})::int`, bindings: value.bindings };
  const operand = m.name === 'min' || m.name === 'max' ? aggregateKindOf(m.field!).ordered!(value) : value;
  return { sql: `${m.name}(${operand.sql})`, bindings: operand.bindings };
}
