import { encodeCursor, type AppModel, type ListQuery } from '@tessera/core';
import type { Knex } from 'knex';
import { reusable, run } from '../db/statement';
import { buildListSql, type ListSqlOptions } from './list-sql';
import { apiRecord } from './serialize';

/** One page of a list: the records and the paging block of DESIGN.md §4. */
export interface ListPage {
  readonly data: Record<string, unknown>[];
  readonly page: { readonly next: string | null; readonly total?: number };
}

/** Runs a list query: one statement for the page (one more for the total when asked), and the next cursor. */
export async function listPage(db: Knex | Knex.Transaction, app: AppModel, query: ListQuery, options: ListSqlOptions): Promise<ListPage> {
  const built = buildListSql(app, query, options);
  const rows = await run(db, reusable(built.page.sql, app.hash), built.page.bindings);
  const more = rows.length > query.limit;
  const shown = more ? rows.slice(0, query.limit) : rows;
  const last = shown.at(-1);
  const next = more && last ? encodeCursor(built.cursorColumns.map((column) => last[column])) : null;
  // apiRecord keeps the entity's fields only, which drops the __s<i> sort columns too.
  const data = shown.map((row) => apiRecord(query.entity, row));
  if (!built.count) return { data, page: { next } };
  const [{ total }] = await run(db, reusable(built.count.sql, app.hash), built.count.bindings) as [{ total: number }];
  return { data, page: { next, total } };
}
