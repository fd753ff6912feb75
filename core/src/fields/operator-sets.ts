import type { OperatorName } from '../conditions/ast';

/** Single-line text: equality, order, membership and substring tests. */
export const TEXT_OPERATORS: readonly OperatorName[] = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$contains', '$startsWith', '$exists'];

/** Long text: equality and substring tests, no order. */
export const LONG_TEXT_OPERATORS: readonly OperatorName[] = ['$eq', '$ne', '$contains', '$startsWith', '$exists'];

/** Numbers, dates and instants: equality, order and membership. */
export const ORDERED_OPERATORS: readonly OperatorName[] = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists'];

/** Options and references: equality and membership. */
export const EQUALITY_OPERATORS: readonly OperatorName[] = ['$eq', '$ne', '$in', '$nin', '$exists'];
