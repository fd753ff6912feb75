import type { FieldModel } from '../model/app-model';

/** The operators of the condition language (DESIGN.md §3). $and, $or and $not are structure, not operators. */
export const OPERATOR_NAMES = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$contains', '$startsWith', '$exists'] as const;
export type OperatorName = (typeof OPERATOR_NAMES)[number];

/** The placeholders a condition may use as values. */
export const PLACEHOLDER_NAMES = ['$user.id', '$user.teamIds', '$user.subordinateIds', '$now', '$today'] as const;
export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];

/** A field path resolved against the model: the lookups it goes through, then the field it ends on. */
export interface ResolvedPath {
  /** The path as written: "account.owner.name". */
  readonly text: string;
  /** The lookup fields followed, in order (empty for a field of the entity itself). */
  readonly via: readonly FieldModel[];
  readonly field: FieldModel;
}

/** A value in a test: a literal from the condition, or a placeholder resolved when evaluated or compiled. */
export type Operand =
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'placeholder'; readonly name: PlaceholderName };

/** The one AST every condition (rules, entry criteria, branches, row permissions, REST filters) parses to. */
export type ConditionNode =
  | { readonly kind: 'and'; readonly items: readonly ConditionNode[] }
  | { readonly kind: 'or'; readonly items: readonly ConditionNode[] }
  | { readonly kind: 'not'; readonly item: ConditionNode }
  | { readonly kind: 'test'; readonly path: ResolvedPath; readonly op: OperatorName; readonly value: Operand }
  | { readonly kind: 'const'; readonly value: boolean };
