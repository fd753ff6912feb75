import type { ConditionNode } from '../conditions/ast';
import type { LocalIssue } from '../errors/issue';
import { fieldStorage, isWriteOnly } from '../fields/storage';
import type { AppModel, EntityModel, FieldModel } from '../model/app-model';
import { aggregateKindOf, measureApplies } from './aggregate-kinds';
import {
  DATE_PARTS, DEFAULT_AGGREGATE_LIMITS, MEASURE_NAMES,
  type AggregateLimits, type DatePart, type GroupKey, type Measure, type MeasureName, type ParseAggregateResult,
} from './aggregate-query';
import { parseListQuery } from './parse-list-query';
import { isWhereParam } from './where-params';

export * from './aggregate-kinds';
export * from './aggregate-query';

const KNOWN = ['groupBy', 'measures', 'filter', 'where[field][$op]', 'limit'];

interface State {
  readonly entity: EntityModel;
  readonly issues: LocalIssue[];
}

/**
 * Parses an aggregate request's query string against an entity (of the model the caller may read, so a hidden field
 * is unknown here); every problem becomes an issue at /query/<parameter>[/<index>].
 */
export function parseAggregateQuery(app: AppModel, entityName: string, params: URLSearchParams, limits: AggregateLimits = DEFAULT_AGGREGATE_LIMITS): ParseAggregateResult {
  const entity = app.entities[entityName]!;
  const s: State = { entity, issues: [] };
  const filterParams = new URLSearchParams();
  for (const [name, value] of params) if (name === 'filter' || isWhereParam(name)) filterParams.append(name, value);
  for (const name of new Set(params.keys())) {
    if (!KNOWN.includes(name) && !isWhereParam(name)) s.issues.push({ code: 'query.parameter', path: `/query/${name}`, params: { name, known: KNOWN }, found: name });
    else if (!filterParams.has(name) && params.getAll(name).length > 1) s.issues.push(bad(name, name, 'given once', '只能出现一次', params.getAll(name)));
  }
  // The filter is a list's filter: the list parser reads it, so both endpoints accept and refuse the same conditions.
  const listed = parseListQuery(app, entityName, filterParams);
  if (!listed.ok) s.issues.push(...listed.issues);
  const groupBy = parseGroupBy(s, params.get('groupBy') ?? undefined, limits);
  const measures = parseMeasures(s, params.get('measures') ?? undefined, limits);
  const limit = parseLimit(s, params.get('limit') ?? undefined, limits.maxGroups);
  if (s.issues.length || !listed.ok) return { ok: false, issues: s.issues };
  const filter: ConditionNode = listed.query.filter;
  return { ok: true, query: { entity, filter, groupBy, measures, limit } };
}

const bad = (name: string, at: string, wanted: string, wantedZh: string, found: unknown): LocalIssue => ({ code: 'query.value', path: `/query/${at}`, params: { name, wanted, wantedZh }, found });
const unknown = (s: State, at: string, name: string, use: string, useZh: string, known: readonly string[]): LocalIssue => ({
  code: 'query.field', path: `/query/${at}`, params: { entity: s.entity.name, name, use, useZh, known }, found: name,
});

/** The fields aggregates may read: stored in a column and returned to clients (a computed value has no column to group). */
const readable = (entity: EntityModel): FieldModel[] =>
  entity.fieldNames.map((n) => entity.fields[n]!).filter((f) => fieldStorage(f) === 'column' && !isWriteOnly(f));

function parseGroupBy(s: State, text: string | undefined, limits: AggregateLimits): GroupKey[] {
  if (text === undefined) return [];
  const items = text.split(',');
  if (items.length > limits.maxGroupKeys) s.issues.push(bad('groupBy', 'groupBy', `at most ${limits.maxGroupKeys} keys`, `最多 ${limits.maxGroupKeys} 个分组键`, text));
  const groupable = readable(s.entity).filter((f) => aggregateKindOf(f).group);
  const keys: GroupKey[] = [];
  items.forEach((item, i) => {
    const at = `groupBy/${i}`;
    const [name = '', part, ...rest] = item.split(':');
    const field = groupable.find((f) => f.name === name);
    if (!field) return void s.issues.push(unknown(s, at, name, 'group by', '分组', groupable.map((f) => f.name)));
    if (part !== undefined && (rest.length || !aggregateKindOf(field).calendar || !(DATE_PARTS as readonly string[]).includes(part))) {
      const wanted = aggregateKindOf(field).calendar ? `a date part: ${DATE_PARTS.join(', ')}` : `"${name}" alone (date parts apply to date and datetime fields)`;
      return void s.issues.push(bad('groupBy', at, wanted, aggregateKindOf(field).calendar ? `日期部分：${DATE_PARTS.join('、')}` : `仅 "${name}"（日期部分只适用于日期和日期时间字段）`, item));
    }
    if (keys.some((k) => k.key === item)) return void s.issues.push(bad('groupBy', at, 'each key once', '每个分组键只能出现一次', item));
    keys.push({ key: item, field, ...(part === undefined ? {} : { part: part as DatePart }) });
  });
  return keys;
}

const MEASURE_HELP = 'count, or sum|avg|min|max|countDistinct:<field>';
const USES: Record<Exclude<MeasureName, 'count'>, readonly [string, string]> = {
  sum: ['sum (a number)', '求和（数字）'], avg: ['average (a number)', '求平均（数字）'],
  min: ['take the minimum of (a number, date or text)', '取最小值（数字、日期或文本）'],
  max: ['take the maximum of (a number, date or text)', '取最大值（数字、日期或文本）'],
  countDistinct: ['count distinct values of', '计数去重'],
};

function parseMeasures(s: State, text: string | undefined, limits: AggregateLimits): Measure[] {
  // Without measures, the rows of each group are counted.
  if (text === undefined) return [{ key: 'count', name: 'count' }];
  const items = text.split(',');
  if (items.length > limits.maxMeasures) s.issues.push(bad('measures', 'measures', `at most ${limits.maxMeasures} measures`, `最多 ${limits.maxMeasures} 个度量`, text));
  const fields = readable(s.entity);
  const measures: Measure[] = [];
  items.forEach((item, i) => {
    const at = `measures/${i}`;
    const [name = '', fieldName, ...rest] = item.split(':');
    const known = (MEASURE_NAMES as readonly string[]).includes(name);
    if (!known || rest.length || (name === 'count') !== (fieldName === undefined)) return void s.issues.push(bad('measures', at, MEASURE_HELP, 'count，或 sum|avg|min|max|countDistinct:<字段>', item));
    let field: FieldModel | undefined;
    if (name !== 'count') {
      const fn = name as Exclude<MeasureName, 'count'>;
      const allowed = fields.filter((f) => measureApplies(fn, f));
      field = allowed.find((f) => f.name === fieldName);
      if (!field) return void s.issues.push(unknown(s, at, fieldName!, USES[fn][0], USES[fn][1], allowed.map((f) => f.name)));
    }
    if (measures.some((m) => m.key === item)) return void s.issues.push(bad('measures', at, 'each measure once', '每个度量只能出现一次', item));
    measures.push({ key: item, name: name as MeasureName, ...(field ? { field } : {}) });
  });
  return measures;
}

function parseLimit(s: State, text: string | undefined, max: number): number {
  if (text === undefined) return max;
  const n = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (n >= 1 && n <= max) return n;
  s.issues.push(bad('limit', 'limit', `a whole number from 1 to ${max}`, `1 到 ${max} 之间的整数`, text));
  return max;
}
