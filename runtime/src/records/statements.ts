import {
  aliasSource, fieldSql, fieldTypes, joinSql, quoteIdent,
  type AppModel, type EntityModel, type FieldModel, type PlaceholderValues, type SqlFragment,
} from '@tessera/core';

/** An entity's hot statements, built once per AppModel. Text uses "?" bindings; the row's alias is "r". */
export interface EntityStatements {
  /** The stored fields, in the order of the insert's and update's bindings. */
  readonly stored: readonly FieldModel[];
  /** Computed fields (formulas), whose SQL depends on the request ($today), so it is added per call. */
  readonly virtual: readonly FieldModel[];
  /** The stored fields under their names, for select lists and returning clauses. */
  readonly columns: string;
  readonly table: string;
  /** insert into <table> as "r" (<every stored column>) values (?, ...) */
  readonly insert: string;
  /** update <table> as "r" set <every stored column but id> = ? ... where "r"."id" = ? and "r"."version" = ? */
  readonly update: string;
  /** delete from <table> as "r" where "r"."id" = ? and "r"."version" = ? returning "r"."id" */
  readonly delete: string;
}

const cache = new WeakMap<AppModel, Map<string, EntityStatements>>();

/** The hot statements of an entity for this AppModel; computed on first use, then reused for every request. */
export function statementsFor(app: AppModel, entity: EntityModel): EntityStatements {
  let byEntity = cache.get(app);
  if (!byEntity) cache.set(app, (byEntity = new Map()));
  let s = byEntity.get(entity.name);
  if (!s) byEntity.set(entity.name, (s = build(entity)));
  return s;
}

/** The full select list of a record (stored columns, then formulas) for this request's placeholder values. */
export function recordColumns(app: AppModel, s: EntityStatements, values: PlaceholderValues): SqlFragment {
  if (!s.virtual.length) return { sql: s.columns, bindings: [] };
  const ctx = { app, alias: 'r', values, nextAlias: aliasSource('v') };
  const virtual = s.virtual.map((f) => {
    const expr = fieldSql(f, ctx);
    return { sql: `${expr.sql} as ${quoteIdent(f.name)}`, bindings: expr.bindings };
  });
  return joinSql([{ sql: s.columns, bindings: [] }, ...virtual], ', ');
}

function build(entity: EntityModel): EntityStatements {
  const fields = entity.fieldNames.map((n) => entity.fields[n]!);
  const stored = fields.filter((f) => fieldTypes.get(f.type).column(f.definition as never));
  const table = `${quoteIdent(entity.table)} as "r"`;
  const settable = stored.filter((f) => f.name !== 'id');
  return {
    stored,
    virtual: fields.filter((f) => !stored.includes(f)),
    columns: stored.map((f) => `"r".${quoteIdent(f.column)} as ${quoteIdent(f.name)}`).join(', '),
    table,
    insert: `insert into ${table} (${stored.map((f) => quoteIdent(f.column)).join(', ')}) values (${stored.map(() => '?').join(', ')})`,
    update: `update ${table} set ${settable.map((f) => `${quoteIdent(f.column)} = ?`).join(', ')} where "r"."id" = ? and "r"."version" = ?`,
    delete: `delete from ${table} where "r"."id" = ? and "r"."version" = ? returning "r"."id"`,
  };
}
