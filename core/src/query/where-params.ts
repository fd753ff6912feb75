import type { ConditionNode } from '../conditions/ast';
import { operators } from '../conditions/operators/index';
import { parseCondition } from '../conditions/parse';
import type { LocalIssue } from '../errors/issue';
import { fieldTypes } from '../fields/builtins';
import type { AppModel } from '../model/app-model';
import { resolvePath } from '../model/paths';

const WHERE = /^where\[([^\]]+)\](?:\[(\$[A-Za-z]+)\])?$/;
const LIST_OPERATORS = ['$in', '$nin'];
const TEXT_OPERATORS = ['$contains', '$startsWith'];

/** Whether a query parameter is in the bracket form where[field][$op]. */
export const isWhereParam = (name: string): boolean => WHERE.test(name);

/**
 * The bracket form (where[amount][$gt]=100, where[stage][$in]=a,b): each value is coerced by its field type's
 * registry entry, then checked by the condition parser like any filter. Every parameter is its own AND term.
 */
export function parseWhereParams(app: AppModel, entity: string, params: URLSearchParams, issues: LocalIssue[]): ConditionNode[] {
  const terms: ConditionNode[] = [];
  for (const name of new Set(params.keys())) {
    const match = WHERE.exec(name);
    if (!match) continue;
    const at = `/query/${name}`;
    const raws = params.getAll(name);
    const [, path = '', op = '$eq'] = match;
    if (raws.length > 1) {
      issues.push({ code: 'query.value', path: at, params: { name, wanted: 'one value (list several with commas for $in)', wantedZh: '只能给一个值（$in 可用逗号分隔多个）' }, found: raws });
      continue;
    }
    const value = operand(app, entity, path, op, raws[0]!);
    if ('issue' in value) {
      issues.push({ ...value.issue, path: at });
      continue;
    }
    const parsed = parseCondition(app, entity, { [path]: { [op]: value.value } });
    if (parsed.ok) terms.push(parsed.ast);
    else issues.push(...parsed.issues.map((i) => ({ ...i, path: at })));
  }
  return terms;
}

function operand(app: AppModel, entity: string, path: string, op: string, raw: string): { value: unknown } | { issue: LocalIssue } {
  if (op === '$exists') {
    if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
    return { issue: { code: 'query.value', path: '', params: { name: path, wanted: 'true or false', wantedZh: 'true 或 false' }, found: raw } };
  }
  const resolved = resolvePath(app, entity, path);
  // Unknown paths and operators, and text operators, keep the raw text: the condition parser reports or accepts them.
  if (!resolved.ok || !operators.has(op) || TEXT_OPERATORS.includes(op)) return { value: raw };
  const field = resolved.path.field;
  const type = fieldTypes.get(field.type);
  const coerce = (text: string): { value: unknown } | { issue: LocalIssue } => {
    const r = type.coerce(text, field.definition as never, 'query');
    return r.ok ? { value: r.value } : { issue: { code: 'query.value', path: '', params: { name: path, wanted: r.expected, wantedZh: r.expected }, found: text } };
  };
  if (!LIST_OPERATORS.includes(op)) return coerce(raw);
  if (raw === '') return { value: [] };
  const values: unknown[] = [];
  for (const item of raw.split(',')) {
    const r = coerce(item);
    if ('issue' in r) return r;
    values.push(r.value);
  }
  return { value: values };
}
