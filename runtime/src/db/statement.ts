import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** A statement ready for the pg protocol: "$n" placeholders, and a name when it is prepared once per connection. */
export interface Statement {
  readonly text: string;
  /** Set when the statement is prepared once per connection: hot statements and repeated list shapes. */
  readonly name?: string;
}

/**
 * A named statement ("$n" placeholders): PostgreSQL parses and plans it once per connection. The name hashes the text
 * and a scope (the AppModel's hash), so a changed model never meets a plan prepared for the old one.
 */
export const prepared = (text: string, scope: string): Statement =>
  ({ text, name: `t_${createHash('sha1').update(scope).update('\0').update(text).digest('hex').slice(0, 24)}` });

// How many distinct dynamic statements (list shapes) this process prepares; past it they are sent unnamed, so hostile
// clients inventing shapes cannot grow every connection's plan cache without end.
const MAX_REUSABLE_SHAPES = 1000;
const reusableShapes = new Map<string, Statement>();

/**
 * A dynamic statement ("?" bindings, values all bound) whose text repeats across requests, such as a list page of
 * one shape: prepared like the hot statements while the process has prepared fewer than MAX_REUSABLE_SHAPES shapes.
 */
export function reusable(text: string, scope: string): Statement {
  const key = `${scope}\0${text}`;
  const known = reusableShapes.get(key);
  if (known) return known;
  if (reusableShapes.size >= MAX_REUSABLE_SHAPES) return { text: positional(text) };
  const statement = prepared(positional(text), scope);
  reusableShapes.set(key, statement);
  return statement;
}

/** A row as node-postgres parses it. */
export type Row = Record<string, unknown>;

/**
 * Turns knex-style "?" bindings into "$first", "$first+1", ... ("\?" stays a literal "?"), so a statement runs on the
 * pg connection directly: knex's per-call binding rewrite and query builder cost more than the query on hot paths.
 */
export function positional(text: string, first = 1): string {
  let n = first - 1;
  return text.replace(/\\\?|\?/g, (m) => (m === '?' ? `$${++n}` : '?'));
}

interface PgConnection {
  query(config: { text: string; name?: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

/**
 * Runs a statement on a pooled connection, or on the transaction's own connection when given a transaction, and
 * answers its rows. Errors are node-postgres's own (with the SQLSTATE code), never carrying the SQL text.
 */
export async function run(db: Knex | Knex.Transaction, statement: Statement, values: readonly unknown[]): Promise<Row[]> {
  const client = db.client as { acquireConnection(): Promise<PgConnection>; releaseConnection(c: PgConnection): Promise<unknown> };
  const connection = await client.acquireConnection();
  try {
    const config = { text: statement.text, values: values as unknown[] };
    return (await connection.query(statement.name ? { ...config, name: statement.name } : config)).rows;
  } finally {
    await client.releaseConnection(connection);
  }
}
