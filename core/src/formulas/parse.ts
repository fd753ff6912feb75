import jsep from 'jsep';
import type { AppModel } from '../model/app-model';
import { fieldTypes } from '../fields/builtins';
import { resolvePath } from '../model/paths';
import { formulaFunctions } from './functions';
import { binaryOperators, unaryOperators } from './operators';
import { FORMULA_TYPES, type FormulaIssue, type FormulaNode, type FormulaParseResult, type FormulaType } from './types';

/** Formulas longer than this are refused before parsing (they are one-line expressions, not programs). */
export const MAX_FORMULA_LENGTH = 2000;

// jsep is configured once, globally: only the operators the registries define survive (no bitwise, **, ??, ===).
for (const op of Object.keys(jsep.binary_ops)) if (!binaryOperators.has(op)) jsep.removeBinaryOp(op);
for (const op of Object.keys(jsep.unary_ops)) if (!unaryOperators.has(op)) jsep.removeUnaryOp(op);

interface Scope {
  readonly app: AppModel;
  readonly entity: string;
  readonly issues: FormulaIssue[];
  readonly references: Set<string>;
}

type Converter = (node: jsep.Expression, scope: Scope) => FormulaNode | undefined;

/** Parses and type-checks a formula of an entity: a typed AST and the paths it reads, or every issue found. */
export function parseFormula(app: AppModel, entity: string, expression: string): FormulaParseResult {
  if (expression.length > MAX_FORMULA_LENGTH) {
    return { ok: false, issues: [{ code: 'formula.syntax', params: { reason: `longer than ${MAX_FORMULA_LENGTH} characters` } }] };
  }
  let tree: jsep.Expression;
  try {
    tree = jsep(expression);
  } catch (error) {
    // jsep throws Error with a message and an index; a RangeError comes from absurdly deep nesting.
    return { ok: false, issues: [{ code: 'formula.syntax', params: { reason: (error as Error).message }, found: expression }] };
  }
  const scope: Scope = { app, entity, issues: [], references: new Set() };
  const ast = convert(tree, scope);
  if (!ast || scope.issues.length > 0) return { ok: false, issues: scope.issues };
  return { ok: true, ast, type: ast.type, references: [...scope.references] };
}

function convert(node: jsep.Expression, scope: Scope): FormulaNode | undefined {
  const converter = Object.hasOwn(converters, node.type) ? converters[node.type] : undefined;
  if (converter) return converter(node, scope);
  scope.issues.push({ code: 'formula.syntax', params: { reason: `${node.type} is not supported` } });
  return undefined;
}

const converters: Record<string, Converter> = {
  Literal: (node, scope) => {
    const { value, raw } = node as jsep.Literal;
    const type = ({ string: 'text', number: 'number', boolean: 'boolean' } as Record<string, FormulaType>)[typeof value];
    if (type && value !== null && typeof value !== 'object') return { kind: 'literal', type, value };
    scope.issues.push({ code: 'formula.syntax', params: { reason: `${raw} is not a value formulas accept (leave out the else of IF for an empty result)` }, found: raw });
    return undefined;
  },
  Identifier: (node, scope) => field((node as jsep.Identifier).name, scope),
  MemberExpression: (node, scope) => {
    const text = memberPath(node);
    if (text) return field(text, scope);
    scope.issues.push({ code: 'formula.syntax', params: { reason: 'only field names and dot paths (account.name) may be used, not [ ]' } });
    return undefined;
  },
  UnaryExpression: (node, scope) => {
    const { operator, argument } = node as jsep.UnaryExpression;
    const operand = convert(argument, scope);
    if (!operand) return undefined;
    const signature = unaryOperators.get(operator).signature(operand.type);
    if ('index' in signature) return mistyped(scope, { op: operator }, signature.wanted, operand.type);
    return { kind: 'unary', type: signature.type, op: operator, operand };
  },
  BinaryExpression: (node, scope) => {
    const { operator, left: l, right: r } = node as jsep.BinaryExpression;
    const [left, right] = [convert(l, scope), convert(r, scope)];
    if (!left || !right) return undefined;
    const signature = binaryOperators.get(operator).signature(left.type, right.type);
    if ('index' in signature) return mistyped(scope, { op: operator }, signature.wanted, [left, right][signature.index]!.type);
    return { kind: 'binary', type: signature.type, op: operator, left, right };
  },
  ConditionalExpression: (node, scope) => {
    const { test, consequent, alternate } = node as jsep.ConditionalExpression;
    return call('IF', [test, consequent, alternate], scope);
  },
  CallExpression: (node, scope) => {
    const { callee, arguments: args } = node as jsep.CallExpression;
    if (callee.type === 'Identifier') return call((callee as jsep.Identifier).name, args, scope);
    scope.issues.push({ code: 'formula.syntax', params: { reason: 'only named functions such as ROUND(x) can be called' } });
    return undefined;
  },
};

function call(written: string, rawArgs: readonly jsep.Expression[], scope: Scope): FormulaNode | undefined {
  const name = written.toUpperCase();
  const fn = formulaFunctions.find(name);
  const args = rawArgs.map((a) => convert(a, scope));
  if (!fn) {
    scope.issues.push({ code: 'formula.function', params: { name: written, known: formulaFunctions.keys() }, found: written });
    return undefined;
  }
  if (args.length < fn.arity.min || args.length > fn.arity.max) {
    const wanted = fn.arity.min === fn.arity.max ? fn.arity.min : fn.arity.max >= 100 ? `${fn.arity.min}+` : `${fn.arity.min}-${fn.arity.max}`;
    scope.issues.push({ code: 'formula.arity', params: { name, wanted, count: args.length } });
    return undefined;
  }
  if (args.some((a) => !a)) return undefined;
  const typed = args as FormulaNode[];
  const signature = fn.signature(typed.map((a) => a.type));
  if ('index' in signature) return mistyped(scope, { fn: name, index: signature.index + 1 }, signature.wanted, typed[signature.index]!.type);
  return { kind: 'call', type: signature.type, name, args: typed };
}

function field(text: string, scope: Scope): FormulaNode | undefined {
  const resolved = resolvePath(scope.app, scope.entity, text);
  if (!resolved.ok) {
    const params = resolved.code === 'condition.field' ? resolved.params
      : resolved.code === 'condition.path' ? { name: text, through: resolved.params.name, type: resolved.params.type }
        : { name: text, limit: resolved.params.limit };
    scope.issues.push({ code: 'formula.field', params, found: text });
    return undefined;
  }
  const { field: model } = resolved.path;
  const kind = fieldTypes.get(model.type).valueKind(model.definition as never);
  const type = FORMULA_TYPES.find((t) => t === kind);
  if (!type) return mistyped(scope, { field: text }, FORMULA_TYPES, kind);
  scope.references.add(text);
  return { kind: 'field', type, path: resolved.path };
}

function mistyped(scope: Scope, subject: Record<string, unknown>, wanted: readonly string[], got: string): undefined {
  scope.issues.push({ code: 'formula.type', params: { ...subject, wanted, got } });
  return undefined;
}

function memberPath(node: jsep.Expression): string | undefined {
  if (node.type === 'Identifier') return (node as jsep.Identifier).name;
  const member = node as jsep.MemberExpression;
  if (node.type !== 'MemberExpression' || member.computed || member.property.type !== 'Identifier') return undefined;
  const head = memberPath(member.object);
  return head === undefined ? undefined : `${head}.${(member.property as jsep.Identifier).name}`;
}
