import type { Writable } from 'node:stream';
import { localize, type AppModel, type ListQuery } from '@tessera/core';
import type { Knex } from 'knex';
import { reusable, run } from '../../db/statement';
import { buildListSql, type ListSqlOptions } from '../../records/list-sql';
import { apiRecord } from '../../records/serialize';
import { exportColumns, type ExportColumn } from './export-columns';
import type { ExportRow } from './export-format';
import { exportFormats } from './export-formats';
import type { ExportRequest } from './export-request';

/** How many records an export reads per statement. */
export const EXPORT_PAGE_SIZE = 1000;

/**
 * What an export reads: the database, the model the caller may read (the request was parsed against it), and the
 * caller's placeholder values and row scopes, as a list takes them.
 */
export interface ExportSource {
  readonly db: Knex;
  readonly app: AppModel;
  readonly request: ExportRequest;
  readonly options: ListSqlOptions;
  readonly pageSize?: number;
}

/** An export whose first page is read: what to call the file, and a way to write it. */
export interface PreparedExport {
  readonly contentType: string;
  readonly fileName: string;
  /** Writes the file to out, reading each further page when out has taken the rows before it; answers how many records it holds. */
  writeTo(out: Writable): Promise<number>;
}

interface Page {
  readonly records: readonly Record<string, unknown>[];
  /** The keyset position after the page's last record; undefined after the last page. */
  readonly after?: readonly unknown[];
}

/**
 * Prepares an export of the records a list with the same query would show, page after page in its order. The first
 * page is read here, so a query that fails does so before anything is sent and can still be answered as a problem.
 * Pages are separate statements, not one snapshot: holding a transaction open for as long as a slow client reads
 * would pin a connection (PGlite has one), so a record changed during the export shows as its page read it.
 */
export async function prepareExport(source: ExportSource): Promise<PreparedExport> {
  const { query, locale } = source.request;
  const format = exportFormats.get(source.request.format);
  const columns = exportColumns(query.entity, locale, query.fields);
  const first = await readPage(source, undefined);
  return {
    contentType: format.contentType,
    fileName: `${query.entity.name}.${format.extension}`,
    writeTo: async (out) => {
      const written = { records: 0 };
      await format.write(rows(source, columns, first, written), out, localize(query.entity.pluralLabel, locale, query.entity.name));
      return written.records;
    },
  };
}

/** The header row, then a row per record, counting the records in `written`. */
async function* rows(source: ExportSource, columns: readonly ExportColumn[], first: Page, written: { records: number }): AsyncGenerator<ExportRow> {
  yield columns.map((c) => c.header);
  for (let page = first; ; page = await readPage(source, page.after)) {
    for (const record of page.records) yield columns.map((c) => c.cell(record[c.name]));
    written.records += page.records.length;
    if (!page.after) return;
  }
}

/** One page of a keyset walk: the list's statement for the page after the given position. */
async function readPage(source: ExportSource, after: readonly unknown[] | undefined): Promise<Page> {
  const size = source.pageSize ?? EXPORT_PAGE_SIZE;
  const query: ListQuery = { ...source.request.query, limit: size, ...(after ? { after } : {}) };
  const built = buildListSql(source.app, query, source.options);
  const rows = await run(source.db, reusable(built.page.sql, source.app.hash), built.page.bindings);
  const records = rows.slice(0, size);
  const last = records.at(-1);
  // The position travels as a list cursor carries it (JSON), so the next page binds what a list's next page binds.
  const next = rows.length > size && last ? JSON.parse(JSON.stringify(built.cursorColumns.map((c) => last[c]))) as unknown[] : undefined;
  return { records: records.map((row) => apiRecord(query.entity, row)), ...(next ? { after: next } : {}) };
}
