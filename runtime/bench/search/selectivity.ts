import { searchTermsOf } from '@tessera/core';
import type { Database } from '../../src/db/connect';
import { SEARCH_VECTOR } from '../../src/search/search-indexes';

/** The searchable columns of a table: all of them, and those the bench user may read. */
export interface SearchedTable {
  readonly table: string;
  readonly columns: readonly string[];
  readonly visible: readonly string[];
}

/** How many rows a query matches: in the whole table, and among the rows and fields the bench user may read. */
export interface Matches {
  readonly all: number;
  readonly mine: number;
}

// Every term in some column, as the search statement tests it (the pattern too, for a longer CJK run).
function matchSql(columns: readonly string[], q: string): { sql: string; bindings: string[] } {
  const bindings: string[] = [];
  const terms = searchTermsOf(q).map((term) => `(${columns.map((c) => {
    bindings.push(term.tsquery, ...(term.pattern ? [term.pattern] : []));
    return `(${SEARCH_VECTOR}(${c}) @@ ?::tsquery${term.pattern ? ` and ${c} ilike ?` : ''})`;
  }).join(' or ')})`);
  return { sql: terms.join(' and '), bindings };
}

/** Counts a query's matches in each table, summed: the selectivity the report gives beside each query's latencies. */
export async function countMatches(db: Database, tables: readonly SearchedTable[], ownerId: string, q: string): Promise<Matches> {
  let all = 0;
  let mine = 0;
  for (const t of tables) {
    const every = matchSql(t.columns, q);
    const visible = matchSql(t.visible, q);
    const row = (await db.knex.raw(
      `select count(*)::int as all, count(*) filter (where owner_id = ? and ${visible.sql})::int as mine from ${t.table} where ${every.sql}`,
      [ownerId, ...visible.bindings, ...every.bindings],
    )).rows[0] as Matches;
    all += row.all;
    mine += row.mine;
  }
  return { all, mine };
}
