import type { SqlFragment } from '../sql/fragment';

/** Orders text by code point, whatever the database's default collation. */
export const codePointSort = (column: string): SqlFragment => ({ sql: `${column} collate "C"`, bindings: [] });

/** Orders by the column's own type. */
export const columnSort = (column: string): SqlFragment => ({ sql: column, bindings: [] });
