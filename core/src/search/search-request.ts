import type { LocalIssue } from '../errors/issue';
import type { AppModel, EntityModel } from '../model/app-model';
import { searchableEntities } from './searchable-fields';
import { searchTermsOf, type SearchTerm } from './search-terms';

/** Bounds of a search request, so one request cannot ask for an unbounded statement or answer. */
export interface SearchLimits {
  /** The longest search text, in characters. */
  readonly maxLength: number;
  readonly maxTerms: number;
  readonly defaultLimit: number;
  readonly maxLimit: number;
}

/** The bounds used when the caller gives none. */
export const DEFAULT_SEARCH_LIMITS: SearchLimits = { maxLength: 200, maxTerms: 8, defaultLimit: 20, maxLimit: 100 };

/** A search request checked against the model the caller may read: everything the search needs. */
export interface SearchRequest {
  readonly terms: readonly SearchTerm[];
  /** The entities to search, each of the caller's model (so holding only the fields they may read). */
  readonly entities: readonly EntityModel[];
  /** The most hits answered, across entities. */
  readonly limit: number;
}

/** The result of parsing a search request. */
export type ParseSearchResult = { readonly ok: true; readonly request: SearchRequest } | { readonly ok: false; readonly issues: LocalIssue[] };

const KNOWN = ['q', 'entities', 'limit'];

const bad = (name: string, wanted: string, wantedZh: string, found: unknown): LocalIssue =>
  ({ code: 'query.value', path: `/query/${name}`, params: { name, wanted, wantedZh }, found });

/**
 * Parses GET /api/search's query string against the model the caller may read. Without `entities`, every entity the
 * caller may search; an entity they may not read is unknown here, like one that does not exist.
 */
export function parseSearchRequest(app: AppModel, params: URLSearchParams, limits: SearchLimits = DEFAULT_SEARCH_LIMITS): ParseSearchResult {
  const issues: LocalIssue[] = [];
  for (const name of new Set(params.keys())) {
    if (!KNOWN.includes(name)) issues.push({ code: 'query.parameter', path: `/query/${name}`, params: { name, known: KNOWN }, found: name });
    else if (params.getAll(name).length > 1) issues.push(bad(name, 'given once', '只能出现一次', params.getAll(name)));
  }
  const terms = parseTerms(issues, params.get('q') ?? '', limits);
  const entities = parseEntities(issues, app, params.get('entities') ?? undefined);
  const limit = parseLimit(issues, params.get('limit') ?? undefined, limits);
  return issues.length ? { ok: false, issues } : { ok: true, request: { terms, entities, limit } };
}

function parseTerms(issues: LocalIssue[], q: string, limits: SearchLimits): SearchTerm[] {
  if (q.length > limits.maxLength) {
    issues.push(bad('q', `at most ${limits.maxLength} characters`, `最多 ${limits.maxLength} 个字符`, q));
    return [];
  }
  const terms = searchTermsOf(q);
  if (!terms.length) issues.push(bad('q', 'text with a letter, a digit or a CJK character to search for', '包含字母、数字或中日韩文字的搜索内容', q));
  else if (terms.length > limits.maxTerms) issues.push(bad('q', `at most ${limits.maxTerms} words`, `最多 ${limits.maxTerms} 个词`, q));
  return terms;
}

function parseEntities(issues: LocalIssue[], app: AppModel, text: string | undefined): EntityModel[] {
  const searchable = searchableEntities(app);
  if (text === undefined) return searchable;
  const names = [...new Set(text.split(',').map((n) => n.trim()).filter(Boolean))];
  const known = searchable.map((e) => e.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (!names.length || unknown.length) {
    const list = known.join(', ') || '(none)';
    issues.push(bad('entities', `names of entities you may search, among: ${list}`, `可搜索的实体名称，可选：${list}`, unknown.join(',') || text));
  }
  return searchable.filter((e) => names.includes(e.name));
}

function parseLimit(issues: LocalIssue[], text: string | undefined, limits: SearchLimits): number {
  if (text === undefined) return limits.defaultLimit;
  const n = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (n >= 1 && n <= limits.maxLimit) return n;
  issues.push(bad('limit', `a whole number from 1 to ${limits.maxLimit}`, `1 到 ${limits.maxLimit} 之间的整数`, text));
  return limits.defaultLimit;
}
