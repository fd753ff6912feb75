import { isLocale, LOCALES, parseListQuery, type AppModel, type ListQuery, type Locale, type LocalIssue } from '@tessera/core';
import { DEFAULT_EXPORT_FORMAT, exportFormats, type ExportFormatName } from './export-formats';

/** An export request, checked: the list query it reads, the file's format, and the language of headers and labels. */
export interface ExportRequest {
  readonly query: ListQuery;
  readonly format: ExportFormatName;
  readonly locale: Locale;
}

/** The parsed request, or its issues; either way the language to answer in (?locale=, else the caller's). */
export type ParseExportResult = { readonly locale: Locale } & (
  | { readonly ok: true; readonly request: ExportRequest }
  | { readonly ok: false; readonly issues: LocalIssue[] });

const OWN = ['format', 'locale'];
// A list's paging and expansion are refused, not ignored: a caller asking for 10 rows must not get a million.
const NOT_FOR_EXPORT = ['limit', 'cursor', 'offset', 'count', 'expand'];
const KNOWN = ['filter', 'where[field][$op]', 'sort', 'fields', ...OWN];

const bad = (name: string, wanted: string, wantedZh: string, found: unknown): LocalIssue =>
  ({ code: 'query.value', path: `/query/${name}`, params: { name, wanted, wantedZh }, found });

/**
 * Parses an export's query string against an entity (of the model the caller may read): filter, where[...], sort and
 * fields exactly as a list takes them, plus format and locale; every problem is an issue at /query/<parameter>.
 */
export function parseExportRequest(app: AppModel, entityName: string, params: URLSearchParams, callerLocale: Locale): ParseExportResult {
  const issues: LocalIssue[] = [];
  const listParams = new URLSearchParams();
  for (const [name, value] of params) if (!OWN.includes(name) && !NOT_FOR_EXPORT.includes(name)) listParams.append(name, value);
  for (const name of new Set(params.keys())) {
    if (NOT_FOR_EXPORT.includes(name)) {
      issues.push(bad(name, 'left out: an export holds every matching record, lookups as ids', '不可使用：导出包含全部符合条件的记录，查找字段导出为 ID', params.get(name)));
    } else if (OWN.includes(name) && params.getAll(name).length > 1) issues.push(bad(name, 'given once', '只能出现一次', params.getAll(name)));
  }
  const formatName = params.get('format') ?? DEFAULT_EXPORT_FORMAT;
  const format = exportFormats.has(formatName) ? formatName : undefined;
  if (!format) issues.push(bad('format', `one of ${exportFormats.keys().join(', ')}`, `以下之一：${exportFormats.keys().join('、')}`, formatName));
  const localeName = params.get('locale') ?? callerLocale;
  const locale = isLocale(localeName) ? localeName : callerLocale;
  if (!isLocale(localeName)) issues.push(bad('locale', `one of ${LOCALES.join(', ')}`, `以下之一：${LOCALES.join('、')}`, localeName));
  // The list parser is the one judge of filters, sorts and fields; only its list of known parameters is not ours.
  const listed = parseListQuery(app, entityName, listParams);
  if (!listed.ok) issues.push(...listed.issues.map((i) => (i.code === 'query.parameter' ? { ...i, params: { ...i.params, known: KNOWN } } : i)));
  if (!listed.ok || !format || issues.length) return { ok: false, issues, locale };
  return { ok: true, locale, request: { query: listed.query, format, locale } };
}
