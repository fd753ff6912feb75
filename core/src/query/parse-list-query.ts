import type { ConditionNode, ResolvedPath } from '../conditions/ast';
import { parseCondition } from '../conditions/parse';
import type { LocalIssue } from '../errors/issue';
import { fieldTypes } from '../fields/builtins';
import { isWriteOnly } from '../fields/storage';
import type { AppModel, EntityModel } from '../model/app-model';
import { resolvePath } from '../model/paths';
import { decodeCursor } from './cursor';
import { DEFAULT_LIST_LIMITS, type ListLimits, type ListQuery, type ParseListResult, type SortKey } from './list-query';
import { isWhereParam, parseWhereParams } from './where-params';

const KNOWN = ['filter', 'where[field][$op]', 'sort', 'fields', 'expand', 'limit', 'cursor', 'offset', 'count'];

interface State {
  readonly app: AppModel;
  readonly entity: EntityModel;
  readonly limits: ListLimits;
  readonly issues: LocalIssue[];
}

/** Parses a list request's query string against an entity; every problem becomes an issue at /query/<parameter>. */
export function parseListQuery(app: AppModel, entityName: string, params: URLSearchParams, limits: ListLimits = DEFAULT_LIST_LIMITS): ParseListResult {
  const entity = app.entities[entityName]!;
  const s: State = { app, entity, limits, issues: [] };
  for (const name of new Set(params.keys())) {
    if (!KNOWN.includes(name) && !isWhereParam(name)) s.issues.push({ code: 'query.parameter', path: `/query/${name}`, params: { name, known: KNOWN }, found: name });
    else if (!isWhereParam(name) && params.getAll(name).length > 1) s.issues.push(bad(name, 'given once', '只能出现一次', params.getAll(name)));
  }
  const one = (name: string) => params.get(name) ?? undefined;
  const filter = and([...parseFilter(s, one('filter')), ...parseWhereParams(app, entityName, params, s.issues)]);
  const sort = parseSort(s, one('sort'));
  const fields = parseFields(s, one('fields'));
  const expand = parseExpand(s, one('expand'));
  const limit = parseInteger(s, 'limit', one('limit'), 1, Number.MAX_SAFE_INTEGER) ?? limits.defaultLimit;
  const offset = parseInteger(s, 'offset', one('offset'), 0, limits.maxOffset);
  const cursor = one('cursor');
  const after = cursor === undefined ? undefined : decodeCursor(cursor, sort.length + 1);
  if (cursor !== undefined && !after) s.issues.push(bad('cursor', 'a cursor from page.next of the same list (same sort)', '同一列表（相同排序）返回的 page.next', cursor));
  if (cursor !== undefined && offset !== undefined) s.issues.push(bad('offset', 'either cursor or offset, not both', 'cursor 与 offset 只能二选一', offset));
  const count = one('count');
  if (count !== undefined && count !== 'true' && count !== 'false') s.issues.push(bad('count', 'true or false', 'true 或 false', count));
  if (s.issues.length) return { ok: false, issues: s.issues };
  const query: ListQuery = {
    entity, filter, sort, expand, count: count === 'true',
    // A limit past the maximum is capped rather than refused, as PostgREST's db-max-rows does.
    limit: Math.min(limit, limits.maxLimit),
    ...(fields ? { fields } : {}), ...(after ? { after } : {}), ...(offset === undefined ? {} : { offset }),
  };
  return { ok: true, query };
}

const bad = (name: string, wanted: string, wantedZh: string, found: unknown): LocalIssue => ({ code: 'query.value', path: `/query/${name}`, params: { name, wanted, wantedZh }, found });
const and = (items: ConditionNode[]): ConditionNode => (items.length === 0 ? { kind: 'const', value: true } : items.length === 1 ? items[0]! : { kind: 'and', items });

function parseFilter(s: State, text: string | undefined): ConditionNode[] {
  if (text === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    s.issues.push({ code: 'query.json', path: '/query/filter', params: { reason: (error as Error).message } });
    return [];
  }
  const parsed = parseCondition(s.app, s.entity.name, json);
  if (parsed.ok) return [parsed.ast];
  s.issues.push(...parsed.issues.map((i) => ({ ...i, path: `/query/filter${i.path}` })));
  return [];
}

const names = (text: string | undefined) => (text === undefined ? undefined : text.split(','));
const unknown = (s: State, param: string, name: string, use: string, useZh: string, known: readonly string[]): LocalIssue => ({
  code: 'query.field', path: `/query/${param}`, params: { entity: s.entity.name, name, use, useZh, known }, found: name,
});

function parseSort(s: State, text: string | undefined): SortKey[] {
  const sortable = s.entity.fieldNames.filter((n) => fieldTypes.get(s.entity.fields[n]!.type).sortSql);
  const keys: SortKey[] = [];
  for (const item of names(text) ?? []) {
    const descending = item.startsWith('-');
    const name = descending ? item.slice(1) : item;
    if (!sortable.includes(name) || keys.some((k) => k.field.name === name)) s.issues.push(unknown(s, 'sort', item, 'sort by', '排序', sortable));
    else keys.push({ field: s.entity.fields[name]!, descending });
  }
  if (keys.length > s.limits.maxSortKeys) s.issues.push(bad('sort', `at most ${s.limits.maxSortKeys} fields`, `最多 ${s.limits.maxSortKeys} 个字段`, text));
  return keys;
}

function parseFields(s: State, text: string | undefined): string[] | undefined {
  const list = names(text);
  const returnable = s.entity.fieldNames.filter((n) => !isWriteOnly(s.entity.fields[n]!));
  for (const name of list ?? []) if (!returnable.includes(name)) s.issues.push(unknown(s, 'fields', name, 'return', '返回', returnable));
  return list;
}

function parseExpand(s: State, text: string | undefined): ResolvedPath[] {
  const out: ResolvedPath[] = [];
  for (const path of names(text) ?? []) {
    const resolved = resolvePath(s.app, s.entity.name, path, s.limits.maxExpandDepth - 1);
    if (resolved.ok && fieldTypes.get(resolved.path.field.type).target?.(resolved.path.field.definition as never) && resolved.path.field.name !== 'id') out.push(resolved.path);
    else s.issues.push(unknown(s, 'expand', path, `expand (a lookup, at most ${s.limits.maxExpandDepth} levels)`, `展开（查找字段，最多 ${s.limits.maxExpandDepth} 层）`, s.entity.fieldNames.filter((n) => fieldTypes.get(s.entity.fields[n]!.type).target && n !== 'id')));
  }
  return out;
}

function parseInteger(s: State, name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
  s.issues.push(bad(name, `a whole number from ${min} to ${max}`, `${min} 到 ${max} 之间的整数`, text));
  return undefined;
}
