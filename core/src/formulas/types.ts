import type { ResolvedPath } from '../conditions/ast';
import type { IssueParams } from '../errors/define';
import type { EvalContext, SqlContext } from '../model/context';
import type { SqlFragment } from '../sql/fragment';

/** The types a formula expression can have. */
export type FormulaType = 'number' | 'text' | 'boolean' | 'date' | 'datetime';

/** Every formula type, in a stable order. */
export const FORMULA_TYPES: readonly FormulaType[] = ['number', 'text', 'boolean', 'date', 'datetime'];

/** A typed formula AST node; every node knows its type, so both backends compile without re-checking. */
export type FormulaNode =
  | { readonly kind: 'literal'; readonly type: FormulaType; readonly value: string | number | boolean }
  | { readonly kind: 'field'; readonly type: FormulaType; readonly path: ResolvedPath }
  | { readonly kind: 'unary'; readonly type: FormulaType; readonly op: string; readonly operand: FormulaNode }
  | { readonly kind: 'binary'; readonly type: FormulaType; readonly op: string; readonly left: FormulaNode; readonly right: FormulaNode }
  | { readonly kind: 'call'; readonly type: FormulaType; readonly name: string; readonly args: readonly FormulaNode[] };

/** The formula issue codes. */
export type FormulaIssueCode = 'formula.syntax' | 'formula.field' | 'formula.function' | 'formula.arity' | 'formula.type';

/** A problem found while parsing or type-checking a formula. */
export interface FormulaIssue {
  readonly code: FormulaIssueCode;
  readonly params: IssueParams;
  readonly found?: unknown;
}

/** The result of parsing a formula: a typed AST and the field paths it reads, or every issue found. */
export type FormulaParseResult =
  | { readonly ok: true; readonly ast: FormulaNode; readonly type: FormulaType; readonly references: readonly string[] }
  | { readonly ok: false; readonly issues: readonly FormulaIssue[] };

/** The outcome of checking operand types: the result type, or which operand is wrong and what it should be. */
export type Signature = { readonly type: FormulaType } | { readonly index: number; readonly wanted: readonly FormulaType[] };

/** A binary operator: its type rule and both backends. Operators see NULL (null) and handle it themselves. */
export interface BinaryOperator {
  readonly symbol: string;
  signature(left: FormulaType, right: FormulaType): Signature;
  /** `operand` is the operands' type (the signature makes both alike where it matters). */
  evaluate(left: unknown, right: unknown, operand: FormulaType): unknown;
  toSql(left: SqlFragment, right: SqlFragment, operand: FormulaType): SqlFragment;
}

/** A unary operator: its type rule and both backends. */
export interface UnaryOperator {
  readonly symbol: string;
  signature(operand: FormulaType): Signature;
  evaluate(operand: unknown): unknown;
  toSql(operand: SqlFragment): SqlFragment;
}

/** A formula function: arity, type rule and both backends. `types` are the argument types. */
export interface FormulaFunction {
  readonly name: string;
  readonly arity: { readonly min: number; readonly max: number };
  signature(types: readonly FormulaType[]): Signature;
  evaluate(args: readonly unknown[], types: readonly FormulaType[], ctx: EvalContext): unknown;
  toSql(args: readonly SqlFragment[], types: readonly FormulaType[], ctx: SqlContext): SqlFragment;
}
