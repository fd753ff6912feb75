import type { IssueCode } from '../errors/catalogue';
import { fieldTypes } from '../fields/builtins';
import type { AppModel } from '../model/app-model';
import { resolvePath } from '../model/paths';
import type { ConditionNode, Operand, OperatorName, ResolvedPath } from './ast';
import { kindOf, type KindInfo, type Operator } from './operator';
import { operators } from './operators/index';
import { placeholderOf, placeholders } from './placeholders';

/** A problem in a condition: its code, where it is (a JSON pointer inside the condition) and its parameters. */
export interface ConditionIssue {
  readonly code: IssueCode;
  readonly path: string;
  readonly params: Record<string, unknown>;
  readonly found?: unknown;
}

/** How large a condition may be. */
export interface ConditionLimits {
  readonly maxDepth?: number;
  readonly maxTerms?: number;
  readonly maxList?: number;
}

/** The limits used when the caller gives none. */
export const DEFAULT_CONDITION_LIMITS: Required<ConditionLimits> = { maxDepth: 10, maxTerms: 200, maxList: 1000 };

/** The result of parsing: the AST, or every issue found. */
export type ParseConditionResult = { readonly ok: true; readonly ast: ConditionNode } | { readonly ok: false; readonly issues: ConditionIssue[] };

interface State {
  readonly app: AppModel;
  readonly entity: string;
  readonly limits: Required<ConditionLimits>;
  readonly issues: ConditionIssue[];
  terms: number;
  /** Limits already reported: a too-deep or too-wide condition gets one issue, not one per excess node. */
  readonly reported: Set<string>;
}

type Parsed = ConditionNode | undefined;

const TRUE: ConditionNode = { kind: 'const', value: true };
const LOGICAL = ['$and', '$or', '$not'];

/** Parses and type-checks a MongoDB-style condition against an entity, collecting every issue; never throws. */
export function parseCondition(app: AppModel, entity: string, json: unknown, limits: ConditionLimits = {}): ParseConditionResult {
  const s: State = { app, entity, limits: { ...DEFAULT_CONDITION_LIMITS, ...limits }, issues: [], terms: 0, reported: new Set() };
  if (!Object.hasOwn(app.entities, entity)) {
    report(s, 'condition.shape', '', { reason: `unknown entity "${entity}"`, reasonZh: `未知实体 "${entity}"` });
    return { ok: false, issues: s.issues };
  }
  const ast = parseNode(s, json, '', 0);
  return ast && s.issues.length === 0 ? { ok: true, ast } : { ok: false, issues: s.issues };
}

function parseNode(s: State, json: unknown, at: string, depth: number): Parsed {
  if (depth > s.limits.maxDepth) return limit(s, at, s.limits.maxDepth, 'levels of nesting');
  if (!isPlainObject(json)) return shape(s, at, 'a condition must be an object', '条件必须是对象', json);
  const entries = Object.entries(json);
  if (entries.length === 0) return TRUE;
  return all(entries.map(([key, value]) => parseEntry(s, key, value, `${at}/${escape(key)}`, depth)));
}

function parseEntry(s: State, key: string, value: unknown, at: string, depth: number): Parsed {
  if (key === '$and' || key === '$or') {
    if (!Array.isArray(value) || value.length === 0) return shape(s, at, `${key} needs a non-empty list of conditions`, `${key} 需要非空的条件列表`, value);
    if (value.length > s.limits.maxTerms) return limit(s, at, s.limits.maxTerms, 'terms');
    const items = value.map((item, i) => parseNode(s, item, `${at}/${i}`, depth + 1));
    if (items.some((item) => item === undefined)) return undefined;
    return { kind: key === '$and' ? 'and' : 'or', items: items as ConditionNode[] };
  }
  if (key === '$not') return negate(parseNode(s, value, at, depth + 1));
  if (key.startsWith('$')) return report(s, 'condition.unknownOperator', at, { op: key, allowed: LOGICAL });
  const resolved = resolvePath(s.app, s.entity, key);
  if (!resolved.ok) return report(s, resolved.code, at, resolved.params);
  if (!isPlainObject(value)) return parseTest(s, resolved.path, '$eq', value, at);
  return parseOperators(s, resolved.path, value, at, depth);
}

function parseOperators(s: State, path: ResolvedPath, ops: Record<string, unknown>, at: string, depth: number): Parsed {
  if (depth > s.limits.maxDepth) return limit(s, at, s.limits.maxDepth, 'levels of nesting');
  const entries = Object.entries(ops);
  if (entries.length === 0 || entries.some(([op]) => !op.startsWith('$'))) {
    return shape(s, at, 'an object on a field must hold operators such as $eq or $gt', '字段上的对象必须由 $eq、$gt 等运算符组成');
  }
  return all(entries.map(([op, value]) => {
    const where = `${at}/${escape(op)}`;
    if (op === '$not') {
      if (!isPlainObject(value)) return shape(s, where, '$not on a field needs an object of operators', '字段上的 $not 需要运算符对象', value);
      return negate(parseOperators(s, path, value, where, depth + 1));
    }
    if (!operators.has(op)) return report(s, 'condition.unknownOperator', where, { op, allowed: [...allowedOperators(path), '$not'] });
    return parseTest(s, path, op, value, where);
  }));
}

function parseTest(s: State, path: ResolvedPath, op: OperatorName, value: unknown, at: string): Parsed {
  if (++s.terms > s.limits.maxTerms) return limit(s, at, s.limits.maxTerms, 'terms');
  const operator = operators.get(op);
  const kind = kindOf(path.field);
  const allowed = allowedOperators(path);
  if (!allowed.includes(op)) return report(s, 'condition.operator', at, { op, type: path.field.type, name: path.text, allowed });
  const ph = placeholderOf(value);
  if (ph && 'known' in ph) {
    const spec = placeholders[ph.known];
    const fits = spec.kind === kind.name && (operator.placeholders === 'list' ? spec.shape === 'list' : operator.placeholders === 'value' && spec.shape === 'value');
    if (!fits) return placeholderUse(s, at, ph.known, op, path);
    return test(path, op, { kind: 'placeholder', name: ph.known });
  }
  if (ph && operator.placeholders !== 'none') return report(s, 'condition.placeholder', at, { name: ph.unknown, known: Object.keys(placeholders) }, value);
  if (operator.placeholders === 'list' && Array.isArray(value)) return parseList(s, path, operator, kind, value, at);
  return checked(s, path, operator, kind, value, at) ? test(path, op, { kind: 'literal', value }) : undefined;
}

/** A list operand: literals, and value placeholders as elements, which become $eq tests ORed with the rest. */
function parseList(s: State, path: ResolvedPath, operator: Operator, kind: KindInfo, list: readonly unknown[], at: string): Parsed {
  if (list.length > s.limits.maxList) return report(s, 'condition.limit', at, { limit: s.limits.maxList, what: 'items in a list' });
  const literals: unknown[] = [];
  const tests: ConditionNode[] = [];
  let ok = true;
  list.forEach((item, i) => {
    const ph = placeholderOf(item);
    if (ph && 'known' in ph) {
      const spec = placeholders[ph.known];
      if (spec.kind === kind.name && spec.shape === 'value') tests.push(test(path, '$eq', { kind: 'placeholder', name: ph.known }));
      else ok = placeholderUse(s, `${at}/${i}`, ph.known, operator.name, path) !== undefined;
    } else if (ph) {
      ok = report(s, 'condition.placeholder', `${at}/${i}`, { name: ph.unknown, known: Object.keys(placeholders) }, item) !== undefined;
    } else literals.push(item);
  });
  if (!checked(s, path, operator, kind, literals, at) || !ok) return undefined;
  if (tests.length === 0) return test(path, operator.name, { kind: 'literal', value: literals });
  if (literals.length > 0) tests.push(test(path, '$in', { kind: 'literal', value: literals }));
  const any: ConditionNode = tests.length === 1 ? tests[0]! : { kind: 'or', items: tests };
  return operator.name === '$in' ? any : { kind: 'not', item: any };
}

function checked(s: State, path: ResolvedPath, operator: Operator, kind: KindInfo, value: unknown, at: string): boolean {
  const wanted = badText(value) ? CLEAN_TEXT : operator.check(value, kind);
  if (!wanted) return true;
  report(s, 'condition.value', at, { op: operator.name, type: path.field.type, name: path.text, wanted: wanted.en, wantedZh: wanted['zh-CN'] }, value);
  return false;
}

// PostgreSQL rejects NUL in text and cannot store unpaired surrogates: such a value would fail as SQL, not as a condition.
const CLEAN_TEXT = { en: 'text without NUL characters or unpaired surrogates', 'zh-CN': '不含 NUL 字符或孤立代理项的文本' };
const BAD_TEXT = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const badText = (value: unknown): boolean =>
  typeof value === 'string' ? BAD_TEXT.test(value) : Array.isArray(value) && value.some(badText);

const allowedOperators = (path: ResolvedPath): readonly OperatorName[] =>
  fieldTypes.get(path.field.type).operators.filter((op) => operators.get(op).supports(kindOf(path.field)));

const test = (path: ResolvedPath, op: OperatorName, value: Operand): ConditionNode => ({ kind: 'test', path, op, value });

const negate = (item: Parsed): Parsed => item && { kind: 'not', item };

const all = (items: readonly Parsed[]): Parsed =>
  items.some((item) => item === undefined) ? undefined : items.length === 1 ? items[0] : { kind: 'and', items: items as ConditionNode[] };

function placeholderUse(s: State, at: string, name: string, op: string, path: ResolvedPath): undefined {
  const spec = placeholders[name as keyof typeof placeholders];
  return report(s, 'condition.placeholderUse', at, { name, op, type: path.field.type, field: path.text, kind: spec.kind, shape: spec.shape }, name);
}

function limit(s: State, at: string, max: number, what: string): undefined {
  if (s.reported.has(what)) return undefined;
  s.reported.add(what);
  return report(s, 'condition.limit', at, { limit: max, what });
}

function shape(s: State, at: string, reason: string, reasonZh: string, found?: unknown): undefined {
  const shown = found === null || typeof found !== 'object' ? found : Array.isArray(found) ? 'an array' : undefined;
  return report(s, 'condition.shape', at, { reason, reasonZh }, shown);
}

function report(s: State, code: IssueCode, path: string, params: Record<string, unknown>, found?: unknown): undefined {
  s.issues.push(found === undefined ? { code, path, params } : { code, path, params, found });
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
