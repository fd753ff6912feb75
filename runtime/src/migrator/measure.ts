import { quoteIdent, type SqlFragment } from '@tessera/core';
import type { Knex } from 'knex';
import { run } from './ddl';
import type { Impact } from './step';

const SAMPLES = 5;

/** The number of rows of a table matching a condition (SQL built from quoted identifiers, values bound). */
export async function countRows(db: Knex.Transaction, table: string, where: SqlFragment = { sql: 'true', bindings: [] }): Promise<number> {
  const result = await run(db, { sql: `select count(*) as n from ${quoteIdent(table)} where ${where.sql}`, bindings: where.bindings });
  return Number((result.rows as Array<{ n: string }>)[0]!.n);
}

/** How many rows match a blocking condition, with the ids of a few of them. */
export async function blockingRows(db: Knex.Transaction, table: string, where: SqlFragment): Promise<Required<Pick<Impact, 'blocking' | 'samples'>>> {
  const blocking = await countRows(db, table, where);
  if (blocking === 0) return { blocking, samples: [] };
  const result = await run(db, { sql: `select id::text as id from ${quoteIdent(table)} where ${where.sql} order by id limit ${SAMPLES}`, bindings: where.bindings });
  return { blocking, samples: (result.rows as Array<{ id: string }>).map((r) => r.id) };
}

/**
 * Creates, for this transaction's session, pg_temp.tessera_converts(value, expression): whether an expression over $1
 * (the value as text) evaluates without an error. An EXCEPTION block works on PostgreSQL 15 and on PGlite alike (pg_input_is_valid is PostgreSQL 16+).
 */
export async function ensureConverter(db: Knex.Transaction): Promise<void> {
  await db.raw(`create or replace function pg_temp.tessera_converts(value text, expression text) returns boolean
    language plpgsql as $body$
    begin
      execute 'select ' || expression using value;
      return true;
    exception when others then
      return false;
    end $body$`);
}

