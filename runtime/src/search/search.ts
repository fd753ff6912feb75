import { highlightsOf, type AppModel, type Highlight, type PlaceholderValues, type SearchRequest } from '@tessera/core';
import type { Knex } from 'knex';
import { positional, run, type Row } from '../db/statement';
import type { RowScope } from '../records/scope';
import { buildSearchSql, entitySearch, fieldColumn, type EntitySearch } from './search-sql';

/** One record found: its entity, id and title, its score (higher is better) and where its fields matched. */
export interface SearchHit {
  readonly entity: string;
  readonly id: string;
  /** The record's title field, as text; null when the caller may not read it or it is empty. */
  readonly title: string | null;
  readonly score: number;
  readonly highlights: readonly Highlight[];
}

/** Who searches: their placeholder values and the rows of each entity they may read. */
export interface SearchScope {
  readonly values: PlaceholderValues;
  readonly scopeOf: (entity: string) => RowScope | undefined;
}

// The search function is declared costly (so that no plan scans a whole table to call it), which prices a search
// statement high enough to be given JIT compilation and parallel workers: tens of milliseconds to start, for a
// statement that runs in a few. Set for the search's transaction only.
const INTERACTIVE = "select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)";

/**
 * Runs a search: one statement per entity, each its best `limit` hits, then the best `limit` of them all by score
 * (ties by entity, then id). `app` is the caller's model, holding only what they may read. The statements run one
 * after another in one transaction, which carries the settings above (PGlite has one connection anyway).
 */
export async function search(db: Knex, app: AppModel, request: SearchRequest, scope: SearchScope): Promise<SearchHit[]> {
  if (!request.entities.length) return [];
  const found = await db.transaction(async (trx) => {
    await trx.raw(INTERACTIVE);
    const hits: SearchHit[] = [];
    for (const s of request.entities.map(entitySearch)) hits.push(...await searchEntity(trx, app, s, request, scope));
    return hits;
  });
  return found.sort(byScore).slice(0, request.limit);
}

async function searchEntity(db: Knex.Transaction, app: AppModel, s: EntitySearch, request: SearchRequest, scope: SearchScope): Promise<SearchHit[]> {
  const built = buildSearchSql(app, s, request.terms, { values: scope.values, scope: scope.scopeOf(s.entity.name), limit: request.limit });
  // Not prepared: each search is planned for its own terms (how many rows a lexeme has decides between plans), and
  // the many shapes of searches would crowd the list shapes out of the prepared-statement budget (db/statement.ts).
  const rows = await run(db, { text: positional(built.sql) }, built.bindings);
  return rows.map((row) => hitOf(s, request, row));
}

function hitOf(s: EntitySearch, request: SearchRequest, row: Row): SearchHit {
  const values = s.fields.map((f, i) => ({ field: f.name, text: row[fieldColumn(i)] as string | null }));
  return {
    entity: s.entity.name, id: row.id as string, title: (row.title as string | null) ?? null,
    score: Math.round((row.score as number) * 1000) / 1000, highlights: highlightsOf(values, request.terms),
  };
}

const byScore = (a: SearchHit, b: SearchHit): number =>
  b.score - a.score || (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
