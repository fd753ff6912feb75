import { quoteIdent, type SqlFragment } from '@tessera/core';
import type { Knex } from 'knex';
import type { DesiredColumn } from './desired-schema';

/** Runs a statement (identifiers quoted, values bound) on a connection or transaction. */
export const run = (db: Knex | Knex.Transaction, fragment: SqlFragment) =>
  (fragment.bindings.length ? db.raw(fragment.sql, fragment.bindings as Knex.RawBinding[]) : db.raw(fragment.sql));

/** A statement with no bound values. */
export const statement = (sql: string): SqlFragment => ({ sql, bindings: [] });

/** A column's definition for CREATE TABLE or ADD COLUMN; NOT NULL only when asked (added columns are filled first). */
export function columnDefinition(column: DesiredColumn, withNotNull: boolean): string {
  return [
    quoteIdent(column.name),
    column.type,
    column.default === undefined ? '' : `default ${column.default}`,
    withNotNull && column.notNull ? 'not null' : '',
    column.primaryKey ? 'primary key' : '',
  ].filter(Boolean).join(' ');
}

/** The statement filling a column's nulls with a value (bound, and cast to the column's type). */
export const fillNulls = (table: string, column: string, type: string, value: unknown): SqlFragment => ({
  sql: `update ${quoteIdent(table)} set ${quoteIdent(column)} = cast(? as ${type}) where ${quoteIdent(column)} is null`,
  bindings: [bindable(value)],
});

// node-postgres sends a JS array as a PostgreSQL array and anything else as text; objects must be JSON text.
const bindable = (value: unknown): unknown => (value !== null && typeof value === 'object' && !Array.isArray(value) ? JSON.stringify(value) : value);

/** "table.column", for descriptions. */
export const at = (table: string, column?: string): string => (column ? `${table}.${column}` : table);

/** A value as descriptions show it. */
export const shown = (value: unknown): string => JSON.stringify(value);

/** A count with its English noun: "1 row", "3 rows". */
export const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
