import type { ResolvedPath } from '../conditions/ast';
import { fieldTypes } from '../fields/builtins';
import { quoteIdent, type SqlFragment } from '../sql/fragment';
import type { FieldModel } from './app-model';
import type { EvalContext, RecordData, SqlContext } from './context';

/** The SQL of one field of the row known by ctx.alias: its column, or the expression of a virtual field. */
export function fieldSql(field: FieldModel, ctx: SqlContext): SqlFragment {
  const type = fieldTypes.get(field.type);
  if (type.sqlExpression) return type.sqlExpression(field.definition as never, field, ctx);
  return { sql: `${quoteIdent(ctx.alias)}.${quoteIdent(field.column)}`, bindings: [] };
}

/**
 * The SQL of a path's value. Lookups are followed through correlated scalar subqueries, so the value is NULL when
 * the lookup is empty or points nowhere (or, under ctx.lookupScope, to a row out of scope): the same answer pathValue
 * gives in memory.
 */
export function pathSql(path: ResolvedPath, ctx: SqlContext): SqlFragment {
  const [first, ...rest] = path.via;
  if (!first) return fieldSql(path.field, ctx);
  const target = ctx.app.entities[fieldTypes.get(first.type).target!(first.definition as never)]!;
  const alias = ctx.nextAlias();
  const inner = pathSql({ text: path.text, via: rest, field: path.field }, { ...ctx, alias });
  const link = fieldSql(first, ctx);
  const scope = ctx.lookupScope?.(target.name, alias);
  return {
    sql: `(select ${inner.sql} from ${quoteIdent(target.table)} as ${quoteIdent(alias)} where ${quoteIdent(alias)}."id" = ${link.sql}${scope ? ` and (${scope.sql})` : ''})`,
    bindings: [...inner.bindings, ...link.bindings, ...(scope?.bindings ?? [])],
  };
}

/** The value of one field of a record in memory: stored, or computed for a virtual field. Missing is null. */
export function fieldValue(field: FieldModel, record: RecordData, ctx: EvalContext): unknown {
  const type = fieldTypes.get(field.type);
  if (type.compute) return type.compute(field.definition as never, field, record, ctx) ?? null;
  return Object.hasOwn(record, field.name) ? (record[field.name] ?? null) : null;
}

/** The value of a path in memory, following lookups through ctx.lookup; null when any step is empty. */
export function pathValue(path: ResolvedPath, record: RecordData, ctx: EvalContext): unknown {
  let row: RecordData | undefined = record;
  for (const hop of path.via) {
    const id = fieldValue(hop, row, ctx);
    if (id === null || id === undefined) return null;
    row = ctx.lookup(fieldTypes.get(hop.type).target!(hop.definition as never), String(id));
    if (!row) return null;
  }
  return fieldValue(path.field, row, ctx);
}
