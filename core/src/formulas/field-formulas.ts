import type { AppModel, FieldModel } from '../model/app-model';
import { parseFormula } from './parse';
import type { FormulaNode, FormulaParseResult } from './types';

const cache = new WeakMap<AppModel, Map<string, FormulaParseResult>>();

/** The parsed formula of a field of a model, parsed once per AppModel (models are immutable). */
export function parsedFormula(app: AppModel, field: FieldModel, expression: string): FormulaParseResult {
  let perApp = cache.get(app);
  if (!perApp) cache.set(app, (perApp = new Map()));
  const key = `${field.entity}.${field.name}\u0000${expression}`;
  let parsed = perApp.get(key);
  if (!parsed) perApp.set(key, (parsed = parseFormula(app, field.entity, expression)));
  return parsed;
}

/** The fields a formula AST reads the values of (the ends of its paths, on whichever entity they are). */
export function readFields(ast: FormulaNode): FieldModel[] {
  const children: Record<FormulaNode['kind'], (n: never) => readonly FormulaNode[]> = {
    literal: () => [],
    field: () => [],
    unary: (n: Extract<FormulaNode, { kind: 'unary' }>) => [n.operand],
    binary: (n: Extract<FormulaNode, { kind: 'binary' }>) => [n.left, n.right],
    call: (n: Extract<FormulaNode, { kind: 'call' }>) => n.args,
  };
  if (ast.kind === 'field') return [ast.path.field];
  return children[ast.kind](ast as never).flatMap(readFields);
}

/**
 * A cycle of formulas that leads from a field back to itself ("opportunity.a", "opportunity.b", "opportunity.a"),
 * or undefined. `dependencies` gives the fields a field's value is computed from (none for stored fields).
 */
export function formulaCycle(start: FieldModel, dependencies: (field: FieldModel) => readonly FieldModel[]): string[] | undefined {
  const key = (f: FieldModel) => `${f.entity}.${f.name}`;
  const seen = new Set<string>();
  const walk = (field: FieldModel, trail: string[]): string[] | undefined => {
    for (const next of dependencies(field)) {
      if (key(next) === key(start)) return [...trail, key(next)];
      if (seen.has(key(next))) continue;
      seen.add(key(next));
      const found = walk(next, [...trail, key(next)]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [key(start)]);
}

const active = new Set<string>();

/**
 * Runs the computation of a field's formula, refusing to re-enter it: a cycle that slipped past the metadata checks
 * fails loudly instead of recursing until the stack overflows.
 */
export function guarded<T>(field: FieldModel, run: () => T): T {
  const key = `${field.entity}.${field.name}`;
  if (active.has(key)) throw new Error(`formula field ${key} refers to itself`);
  active.add(key);
  try {
    return run();
  } finally {
    active.delete(key);
  }
}
