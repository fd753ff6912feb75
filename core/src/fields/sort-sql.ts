import type { SqlFragment } from '../sql/fragment';

/** Orders text by code point, whatever the database's default collation. */
export const codePointSort = (column: SqlFragment): SqlFragment => ({ sql: `${column.sql} collate "C"`, bindings: column.bindings });

/** Orders by the column's own type. */
export const columnSort = (column: SqlFragment): SqlFragment => column;
