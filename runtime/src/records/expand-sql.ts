import { fieldSql, fieldTypes, joinSql, quoteIdent, type EntityModel, type FieldModel, type ResolvedPath, type SqlContext, type SqlFragment } from '@tessera/core';
import type { RowScope } from './scope';

/** A tree of lookups to expand: each lookup field name to the lookups expanded inside its target. */
type ExpandTree = Map<string, ExpandTree>;

/** Groups expand paths ("account", "account.owner") into a tree keyed by lookup field names. */
export function expandTree(paths: readonly ResolvedPath[]): ExpandTree {
  const root: ExpandTree = new Map();
  for (const path of paths) {
    let node = root;
    for (const field of [...path.via, path.field]) {
      if (!node.has(field.name)) node.set(field.name, new Map());
      node = node.get(field.name)!;
    }
  }
  return root;
}

/**
 * The SQL of an expanded lookup: the target row as a JSON object of its stored fields the caller may read (camelCase
 * keys), with its own expanded lookups nested, in a correlated subquery of the same statement, so expanding adds no
 * query. A target the caller may not read shows its id only; NULL when the lookup is empty.
 */
export function expandedLookupSql(field: FieldModel, inner: ExpandTree, ctx: SqlContext, scopeOf: (entity: string) => RowScope | undefined): SqlFragment {
  const link = fieldSql(field, ctx);
  const target = ctx.app.entities[fieldTypes.get(field.type).target!(field.definition as never)];
  if (!target) return { sql: `(case when ${link.sql} is null then null else json_build_object('id', ${link.sql}) end)`, bindings: [...link.bindings, ...link.bindings] };
  const alias = ctx.nextAlias();
  const innerCtx = { ...ctx, alias };
  const pairs = storedFields(target).map((f) => {
    const value = inner.has(f.name) ? expandedLookupSql(f, inner.get(f.name)!, innerCtx, scopeOf) : fieldSql(f, innerCtx);
    return { sql: `'${f.name}', ${value.sql}`, bindings: value.bindings };
  });
  const object = joinSql(pairs, ', ');
  const scope = scopeOf(target.name)?.sql(innerCtx);
  const shown = scope
    ? { sql: `case when ${scope.sql} then json_build_object(${object.sql}) else json_build_object('id', ${quoteIdent(alias)}."id") end`, bindings: [...scope.bindings, ...object.bindings] }
    : { sql: `json_build_object(${object.sql})`, bindings: object.bindings };
  return {
    sql: `(select ${shown.sql} from ${quoteIdent(target.table)} as ${quoteIdent(alias)} where ${quoteIdent(alias)}."id" = ${link.sql})`,
    bindings: [...shown.bindings, ...link.bindings],
  };
}

const storedFields = (entity: EntityModel): FieldModel[] =>
  entity.fieldNames.map((n) => entity.fields[n]!).filter((f) => fieldTypes.get(f.type).column(f.definition as never));
