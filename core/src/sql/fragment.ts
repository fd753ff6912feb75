/** A piece of parameterized SQL: "?" marks each binding (knex raw style); identifiers come only from metadata. */
export interface SqlFragment {
  readonly sql: string;
  readonly bindings: readonly unknown[];
}

/** Joins fragments with a separator, concatenating their bindings in order. */
export function joinSql(parts: readonly SqlFragment[], separator: string): SqlFragment {
  return { sql: parts.map((p) => p.sql).join(separator), bindings: parts.flatMap((p) => p.bindings) };
}

/** Quotes an SQL identifier (a table, column or alias from metadata). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Rewrites "?" bindings as $1, $2... for node-postgres. */
export function toNumberedParams(fragment: SqlFragment): { text: string; values: unknown[] } {
  let n = 0;
  return { text: fragment.sql.replace(/\?/g, () => `$${++n}`), values: [...fragment.bindings] };
}
