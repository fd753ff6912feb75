import {
  aliasSource, conditionToSql, fieldSql, fieldTypes, isWriteOnly, joinSql, quoteIdent,
  type AppModel, type EntityModel, type FieldModel, type ListQuery, type PlaceholderValues, type SqlContext, type SqlFragment,
} from '@tessera/core';
import { expandedLookupSql, expandTree } from './expand-sql';
import type { RowScope } from './scope';

/** The SQL of one list page, and of its total when asked. */
export interface ListSql {
  readonly page: SqlFragment;
  readonly count?: SqlFragment;
  /** The columns holding each row's sort values (then the id), which the next cursor is made of. */
  readonly cursorColumns: readonly string[];
}

/**
 * What the list builder needs beyond the query (parsed against the model the caller may read, so it holds only the
 * fields they may read): placeholder values, and the caller's row scope of each entity it reads.
 */
export interface ListSqlOptions {
  readonly values: PlaceholderValues;
  /** The rows of an entity the caller may read (undefined: all); the listed entity's is ANDed under the filter, never beside it. */
  readonly scopeOf?: (entity: string) => RowScope | undefined;
}

const ROW = 'r';

/**
 * Builds one statement for a page: the requested fields under their camelCase names, the filter, the order by each
 * field type's sortSql with the id as the last key, and the keyset position after the cursor (or the offset).
 */
export function buildListSql(app: AppModel, query: ListQuery, options: ListSqlOptions): ListSql {
  const entity = query.entity;
  const sqlCtx: SqlContext = { app, alias: ROW, values: options.values, nextAlias: aliasSource('j') };
  const fields = selectedFields(entity, query.fields);
  const expand = expandTree(query.expand);
  const scopeOf = options.scopeOf ?? (() => undefined);
  const selected = fields.map((f) => ({ name: f.name, expr: expand.has(f.name) ? expandedLookupSql(f, expand.get(f.name)!, sqlCtx, scopeOf) : fieldSql(f, sqlCtx) }));
  // The id breaks ties in the direction of the last sort key, so an index on (..., key, id) serves the whole order.
  const idDescending = query.sort.at(-1)?.descending ?? false;
  const keys = [
    ...query.sort.map((k) => ({ expr: sortExpr(k.field, sqlCtx), descending: k.descending, instant: isInstant(k.field) })),
    { expr: fieldSql(entity.fields.id!, sqlCtx), descending: idDescending, instant: false },
  ];
  // A sort key that is a selected column as it is (a date, the id) is read from that column; others get "__s<i>".
  // Instants travel as PostgreSQL's text: it keeps the microseconds a JS Date (and the API's ISO text) would round
  // away, so the next page starts exactly after the last row.
  const cursorColumns = keys.map((k, i) => (k.instant ? undefined : selected.find((c) => !k.expr.bindings.length && c.expr.sql === k.expr.sql)?.name) ?? `__s${i}`);
  const sortColumns = keys.flatMap((k, i) => (cursorColumns[i] !== `__s${i}` ? [] : [as(k.instant ? { sql: `(${k.expr.sql})::text`, bindings: k.expr.bindings } : k.expr, `__s${i}`)]));
  const columns = selected.map((c) => as(c.expr, c.name));
  const scope = scopeOf(entity.name);
  // The filter reads through lookups only into rows the caller may read (the scopes themselves read every row).
  const filterCtx: SqlContext = { ...sqlCtx, lookupScope: (name, alias) => scopeOf(name)?.sql({ ...sqlCtx, alias }) };
  const where = [conditionToSql(query.filter, filterCtx), ...(scope ? [scope.sql(sqlCtx)] : [])];
  const filtered = joinSql(where.map((w) => wrap(w)), ' and ');
  const after = query.after ? keysetAfter(keys, query.after) : undefined;
  const order = joinSql(keys.map((k) => ({ sql: `${k.expr.sql} ${k.descending ? 'desc' : 'asc'}`, bindings: k.expr.bindings })), ', ');
  const from = `from ${quoteIdent(entity.table)} as ${quoteIdent(ROW)}`;
  const page = joinSql([
    joinSql([{ sql: 'select', bindings: [] }, joinSql([...columns, ...sortColumns], ', ')], ' '),
    { sql: from, bindings: [] },
    joinSql([{ sql: 'where', bindings: [] }, after ? joinSql([filtered, wrap(after)], ' and ') : filtered], ' '),
    joinSql([{ sql: 'order by', bindings: [] }, order], ' '),
    { sql: `limit ${query.limit + 1}${query.offset ? ` offset ${query.offset}` : ''}`, bindings: [] },
  ], ' ');
  const count = query.count ? joinSql([{ sql: `select count(*)::int as total ${from} where`, bindings: [] }, filtered], ' ') : undefined;
  return { page, cursorColumns, ...(count ? { count } : {}) };
}

const wrap = (f: SqlFragment): SqlFragment => ({ sql: `(${f.sql})`, bindings: f.bindings });
const as = (f: SqlFragment, name: string): SqlFragment => ({ sql: `${f.sql} as ${quoteIdent(name)}`, bindings: f.bindings });

const isInstant = (field: FieldModel): boolean => fieldTypes.get(field.type).valueKind(field.definition as never) === 'datetime';

function sortExpr(field: FieldModel, ctx: SqlContext): SqlFragment {
  return fieldTypes.get(field.type).sortSql!(fieldSql(field, ctx), field.definition as never);
}

function selectedFields(entity: EntityModel, requested: readonly string[] | undefined): FieldModel[] {
  const wanted = requested ? new Set(['id', 'version', ...requested]) : undefined;
  return entity.fieldNames.filter((n) => (!wanted || wanted.has(n)) && !isWriteOnly(entity.fields[n]!)).map((n) => entity.fields[n]!);
}

/**
 * Rows strictly after the cursor in the order of the keys. PostgreSQL sorts NULL as larger than any value (last when
 * ascending, first when descending), and the comparisons follow that, so paging never skips or repeats a row.
 */
function keysetAfter(keys: ReadonlyArray<{ expr: SqlFragment; descending: boolean }>, values: readonly unknown[]): SqlFragment {
  const alternatives: SqlFragment[] = [];
  keys.forEach((key, i) => {
    const equal = keys.slice(0, i).map((k, j) => (values[j] === null ? { sql: `${k.expr.sql} is null`, bindings: k.expr.bindings } : { sql: `${k.expr.sql} = ?`, bindings: [...k.expr.bindings, values[j]] }));
    const v = values[i];
    const later: SqlFragment | undefined = key.descending
      ? v === null ? { sql: `${key.expr.sql} is not null`, bindings: key.expr.bindings } : { sql: `${key.expr.sql} < ?`, bindings: [...key.expr.bindings, v] }
      : v === null ? undefined : { sql: `(${key.expr.sql} > ? or ${key.expr.sql} is null)`, bindings: [...key.expr.bindings, v, ...key.expr.bindings] };
    if (later) alternatives.push(wrap(joinSql([...equal, later], ' and ')));
  });
  return alternatives.length ? joinSql(alternatives, ' or ') : { sql: 'false', bindings: [] };
}
