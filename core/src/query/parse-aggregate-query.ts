import type { ConditionNode, ResolvedPath } from '../conditions/ast';
import type { LocalIssue } from '../errors/issue';
import type { AppModel, EntityModel } from '../model/app-model';
import { aggregateKindOf, measureApplies } from './aggregate-kinds';
import { resolveOperand, type OperandUse } from './aggregate-operands';
import {
  DATE_PARTS, DEFAULT_AGGREGATE_LIMITS, MEASURE_NAMES, MEASURE_SYNTAX,
  type AggregateLimits, type DatePart, type GroupKey, type Measure, type MeasureName, type ParseAggregateResult,
} from './aggregate-query';
import { parseListQuery } from './parse-list-query';
import { isWhereParam } from './where-params';

export * from './aggregate-kinds';
export * from './aggregate-operands';
export * from './aggregate-query';

const KNOWN = ['groupBy', 'measures', 'filter', 'where[field][$op]', 'limit'];

interface State {
  readonly app: AppModel;
  readonly entity: EntityModel;
  readonly issues: LocalIssue[];
}

/**
 * Parses an aggregate request's query string against an entity (of the model the caller may read, so a hidden field,
 * or a lookup's target the caller may not read, is unknown here); every problem becomes an issue at
 * /query/<parameter>[/<index>]. Dashboards are checked with it when the app loads.
 */
export function parseAggregateQuery(app: AppModel, entityName: string, params: URLSearchParams, limits: AggregateLimits = DEFAULT_AGGREGATE_LIMITS): ParseAggregateResult {
  const entity = app.entities[entityName]!;
  const s: State = { app, entity, issues: [] };
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

/** The operand's path, or undefined once its issue is reported. */
function operand(s: State, text: string, use: OperandUse, at: string): ResolvedPath | undefined {
  const resolved = resolveOperand(s.app, s.entity, text, use, at);
  if (resolved.ok) return resolved.path;
  s.issues.push(resolved.issue);
  return undefined;
}

const GROUP: OperandUse = { param: 'groupBy', en: 'group by', zh: '分组', fits: (f) => aggregateKindOf(f).group };

function parseGroupBy(s: State, text: string | undefined, limits: AggregateLimits): GroupKey[] {
  if (text === undefined) return [];
  const items = text.split(',');
  if (items.length > limits.maxGroupKeys) s.issues.push(bad('groupBy', 'groupBy', `at most ${limits.maxGroupKeys} keys`, `最多 ${limits.maxGroupKeys} 个分组键`, text));
  const keys: GroupKey[] = [];
  items.forEach((item, i) => {
    const at = `groupBy/${i}`;
    const [name = '', part, ...rest] = item.split(':');
    const path = operand(s, name, GROUP, at);
    if (!path) return;
    const calendar = aggregateKindOf(path.field).calendar !== undefined;
    if (part !== undefined && (rest.length || !calendar || !(DATE_PARTS as readonly string[]).includes(part))) {
      const wanted = calendar ? `a date part: ${DATE_PARTS.join(', ')}` : `"${name}" alone (date parts apply to date and datetime fields)`;
      return void s.issues.push(bad('groupBy', at, wanted, calendar ? `日期部分：${DATE_PARTS.join('、')}` : `仅 "${name}"（日期部分只适用于日期和日期时间字段）`, item));
    }
    if (keys.some((k) => k.key === item)) return void s.issues.push(bad('groupBy', at, 'each key once', '每个分组键只能出现一次', item));
    keys.push({ key: item, path, ...(part === undefined ? {} : { part: part as DatePart }) });
  });
  return keys;
}

const MEASURE_HELP_ZH = 'count、sum|avg|min|max|countDistinct|share:<字段>，或 ratio:<字段>/<字段>（字段可以是查找目标的字段：account.valueTier）';
const USES: Record<Exclude<MeasureName, 'count'>, readonly [string, string]> = {
  sum: ['sum (a number)', '求和（数字）'], avg: ['average (a number)', '求平均（数字）'],
  min: ['take the minimum of (a number, date or text)', '取最小值（数字、日期或文本）'],
  max: ['take the maximum of (a number, date or text)', '取最大值（数字、日期或文本）'],
  countDistinct: ['count distinct values of', '计数去重'],
  share: ['take the share of rows where it is true (a yes/no field)', '计算其为真的行所占比例（是/否字段）'],
  ratio: ['sum in a ratio (a number)', '求和后相除（数字）'],
};
const use = (fn: Exclude<MeasureName, 'count'>): OperandUse => ({ param: 'measures', en: USES[fn][0], zh: USES[fn][1], fits: (f) => measureApplies(fn, f) });

/** One measure, or undefined once its issues are reported. */
function parseMeasure(s: State, item: string, at: string): Measure | undefined {
  const [name = '', arg, ...rest] = item.split(':');
  const known = (MEASURE_NAMES as readonly string[]).includes(name);
  const sides = arg?.split('/') ?? [];
  if (!known || rest.length || (name === 'count') !== (arg === undefined) || (name === 'ratio') !== (sides.length === 2)) {
    return void s.issues.push(bad('measures', at, MEASURE_SYNTAX, MEASURE_HELP_ZH, item));
  }
  if (name === 'count') return { key: item, name };
  const fn = name as Exclude<MeasureName, 'count'>;
  const paths = sides.map((side) => operand(s, side, use(fn), at));
  const [first, second] = paths;
  if (!first || paths.some((p) => !p)) return undefined;
  if (fn === 'ratio') return { key: item, name: fn, numerator: first, denominator: second! };
  // A share is the share of rows its condition holds for: the condition language's own test, so null is not true.
  if (fn === 'share') return { key: item, name: fn, when: { kind: 'test', path: first, op: '$eq', value: { kind: 'literal', value: true } } };
  return { key: item, name: fn, path: first };
}

function parseMeasures(s: State, text: string | undefined, limits: AggregateLimits): Measure[] {
  // Without measures, the rows of each group are counted.
  if (text === undefined) return [{ key: 'count', name: 'count' }];
  const items = text.split(',');
  if (items.length > limits.maxMeasures) s.issues.push(bad('measures', 'measures', `at most ${limits.maxMeasures} measures`, `最多 ${limits.maxMeasures} 个度量`, text));
  const measures: Measure[] = [];
  items.forEach((item, i) => {
    const measure = parseMeasure(s, item, `measures/${i}`);
    if (!measure) return;
    if (measures.some((m) => m.key === item)) return void s.issues.push(bad('measures', `measures/${i}`, 'each measure once', '每个度量只能出现一次', item));
    measures.push(measure);
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
