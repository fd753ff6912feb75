import {
  aliasSource, fieldStorage, joinSql, quoteIdent, searchableFields,
  type AppModel, type EntityModel, type FieldModel, type PlaceholderValues, type SearchTerm, type SqlContext, type SqlFragment,
} from '@tessera/core';
import type { RowScope } from '../records/scope';
import { SEARCH_VECTOR } from './search-indexes';
import { scoreSql } from './search-rank';

const ROW = 'r';

/** What one entity's search reads: the searchable fields the caller may read, and its title field if they may read it. */
export interface EntitySearch {
  readonly entity: EntityModel;
  readonly fields: readonly FieldModel[];
  readonly title?: FieldModel;
}

/**
 * An entity of the caller's model as search reads it. Its title when stored in a column: that model names the id as
 * the title field when the caller may not read the real one, and a hit answers no title then.
 */
export function entitySearch(entity: EntityModel): EntitySearch {
  const title = entity.fields[entity.titleField];
  const shown = title && title.name !== 'id' && fieldStorage(title) === 'column';
  return { entity, fields: searchableFields(entity), ...(shown ? { title } : {}) };
}

/** The column holding the value of the i-th searchable field in a row of the answer. */
export const fieldColumn = (i: number): string => `f${i}`;

/**
 * One entity's search statement: the rows where every term matches some searchable field and the caller's row scope
 * holds, their searchable values, title and score, best first. Each term's test per field is written as
 * `tessera_search_vector(r."col") @@ ?::tsquery`, the expression of that field's GIN index, so the planner combines
 * the indexes (a bitmap OR across fields, AND across terms) and checks a term's pattern only on the rows they found.
 */
export function buildSearchSql(app: AppModel, search: EntitySearch, terms: readonly SearchTerm[], options: {
  readonly values: PlaceholderValues;
  readonly scope?: RowScope | undefined;
  readonly limit: number;
}): SqlFragment {
  const ctx: SqlContext = { app, alias: ROW, values: options.values, nextAlias: aliasSource('j') };
  const column = (f: FieldModel) => `${quoteIdent(ROW)}.${quoteIdent(f.column)}`;
  const columns = [
    `${quoteIdent(ROW)}."id" as "id"`,
    ...search.fields.map((f, i) => `${column(f)} as ${quoteIdent(fieldColumn(i))}`),
    `${search.title ? `${column(search.title)}::text` : 'null::text'} as "title"`,
  ];
  const score = scoreSql(search.fields.map((f) => ({ column: column(f), title: f.name === search.title?.name })), terms);
  const matches = terms.map((term) => termMatch(search.fields.map(column), term));
  const where = joinSql([...matches, ...(options.scope ? [wrap(options.scope.sql(ctx))] : [])], ' and ');
  return joinSql([
    { sql: `select ${columns.join(', ')}, `, bindings: [] },
    score,
    { sql: ` as "score" from ${quoteIdent(search.entity.table)} as ${quoteIdent(ROW)} where `, bindings: [] },
    where,
    { sql: ` order by "score" desc, ${quoteIdent(ROW)}."id" limit ?`, bindings: [options.limit] },
  ], '');
}

/**
 * A term matching some field: its tsquery through each field's index; and its pattern in some field, when it has one.
 * A field containing the pattern has every pair of it, so it matches the tsquery too: checking the two apart finds
 * the same rows, without computing a field's search terms again for the rows the indexes found.
 */
function termMatch(columns: readonly string[], term: SearchTerm): SqlFragment {
  const indexed = joinSql(columns.map((c) => ({ sql: `${SEARCH_VECTOR}(${c}) @@ ?::tsquery`, bindings: [term.tsquery] })), ' or ');
  if (!term.pattern) return wrap(indexed);
  const contains = joinSql(columns.map((c) => ({ sql: `${c} ilike ?`, bindings: [term.pattern] })), ' or ');
  return wrap(joinSql([wrap(indexed), wrap(contains)], ' and '));
}

const wrap = (f: SqlFragment): SqlFragment => ({ sql: `(${f.sql})`, bindings: f.bindings });
