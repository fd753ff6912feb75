import {
  aliasSource, conditionToSql, datePartSql, fieldStorage, fieldTypes, joinSql, pathSql, quoteIdent,
  type AggregateQuery, type AppModel, type GroupKey, type SqlContext, type SqlFragment,
} from '@tessera/core';
import type { Knex } from 'knex';
import { reusable, run } from '../db/statement';
import { measureSql } from './aggregate-measures';
import type { ListSqlOptions } from './list-sql';

const ROW = 'r';

/**
 * Builds one statement: a column per group key and per measure under its key, the filter and the caller's row scope
 * (as a list has them), grouped and ordered by the keys, one group past the limit to tell that groups were left off.
 * Keys, measures and the filter read through a lookup only the target rows the caller may read: through a lookup to
 * any other, the value is null, so such rows are grouped under null and their target's values are never measured.
 */
export function buildAggregateSql(app: AppModel, query: AggregateQuery, options: ListSqlOptions): SqlFragment {
  const entity = query.entity;
  const base: SqlContext = { app, alias: ROW, values: options.values, nextAlias: aliasSource('j') };
  const scopeOf = options.scopeOf ?? (() => undefined);
  const ctx: SqlContext = { ...base, lookupScope: (name, alias) => scopeOf(name)?.sql({ ...base, alias }) };
  const groups = query.groupBy.map((g, i) => groupSql(g, i, ctx));
  const columns = [
    ...query.groupBy.map((g, i) => as(groups[i]!.value, g.key)),
    ...query.measures.map((m) => as(measureSql(m, ctx), m.key)),
  ];
  const scope = scopeOf(entity.name);
  // The scopes themselves read every row they need (a scope through a lookup is the server's own reading).
  const where = joinSql([conditionToSql(query.filter, ctx), ...(scope ? [scope.sql(base)] : [])].map(wrap), ' and ');
  const parts = [
    joinSql([{ sql: 'select', bindings: [] }, joinSql(columns, ', ')], ' '),
    { sql: `from ${quoteIdent(entity.table)} as ${quoteIdent(ROW)}`, bindings: [] },
    ...groups.flatMap((g) => (g.lateral ? [g.lateral] : [])),
    { sql: 'where', bindings: [] },
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

/** Runs an aggregate query: numbers as PostgreSQL returns them (counts as numbers; sums, averages, shares and ratios of numeric as text). */
export async function aggregate(db: Knex | Knex.Transaction, app: AppModel, query: AggregateQuery, options: ListSqlOptions): Promise<AggregateAnswer> {
  const built = buildAggregateSql(app, query, options);
  const rows = await run(db, reusable(built.sql, app.hash), built.bindings);
  return { data: rows.slice(0, query.limit), truncated: rows.length > query.limit };
}

const wrap = (f: SqlFragment): SqlFragment => ({ sql: `(${f.sql})`, bindings: f.bindings });
const as = (f: SqlFragment, name: string): SqlFragment => ({ sql: `${f.sql} as ${quoteIdent(name)}`, bindings: f.bindings });

/**
 * A key's value, what it orders by (a date part's text sorts by time; a field sorts as its type sorts lists) and, for
 * a key read through a lookup or computed (a formula), the lateral subquery that computes it once per row. The order
 * rewrites the value, and PostgreSQL would not match a second copy of a subquery or of bound values to the grouped
 * one; a column of the lateral subquery it matches. A stored field of the row itself needs none, and gets none.
 */
function groupSql(g: GroupKey, i: number, ctx: SqlContext): { value: SqlFragment; order: SqlFragment; lateral?: SqlFragment } {
  const computed = !!g.path.via.length || fieldStorage(g.path.field) !== 'column';
  const read = pathSql(g.path, ctx);
  const alias = quoteIdent(`k${i}`);
  const lateral = computed ? { sql: `cross join lateral (select ${read.sql} as "v") as ${alias}`, bindings: read.bindings } : undefined;
  const column = lateral ? { sql: `${alias}."v"`, bindings: [] } : read;
  if (g.part) {
    const value = datePartSql(g.path.field, column, g.part);
    return { value, order: { sql: `${value.sql} collate "C"`, bindings: value.bindings }, ...(lateral ? { lateral } : {}) };
  }
  const sort = fieldTypes.get(g.path.field.type).sortSql;
  return { value: column, order: sort ? sort(column, g.path.field.definition as never) : column, ...(lateral ? { lateral } : {}) };
}
