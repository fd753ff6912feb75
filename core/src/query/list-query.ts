import type { ConditionNode, ResolvedPath } from '../conditions/ast';
import type { LocalIssue } from '../errors/issue';
import type { EntityModel, FieldModel } from '../model/app-model';

/** One sort key of a list: a field of the entity, ascending or descending. */
export interface SortKey {
  readonly field: FieldModel;
  readonly descending: boolean;
}

/** A list request, parsed and checked against the entity: everything the SQL builder needs. */
export interface ListQuery {
  readonly entity: EntityModel;
  readonly filter: ConditionNode;
  /** The requested order; the builder adds id as the final tie-breaker so keyset paging is exact. */
  readonly sort: readonly SortKey[];
  /** The fields to return (id and version always come too); undefined means every readable field. */
  readonly fields?: readonly string[];
  /** Lookups to return as objects instead of ids, at most two levels deep ("account", "account.owner"). */
  readonly expand: readonly ResolvedPath[];
  readonly limit: number;
  /** Keyset position: the values of the sort keys and the id of the last row of the previous page. */
  readonly after?: readonly unknown[];
  readonly offset?: number;
  readonly count: boolean;
}

/** Bounds of list requests (DESIGN.md §4: limit 50 by default, 500 at most). */
export interface ListLimits {
  readonly defaultLimit: number;
  readonly maxLimit: number;
  /** Deep offsets scan and discard rows; past this, keyset cursors are the way. */
  readonly maxOffset: number;
  readonly maxSortKeys: number;
  readonly maxExpandDepth: number;
}

/** The bounds used when the caller gives none. */
export const DEFAULT_LIST_LIMITS: ListLimits = { defaultLimit: 50, maxLimit: 500, maxOffset: 10_000, maxSortKeys: 5, maxExpandDepth: 2 };

/** The result of parsing a list request. */
export type ParseListResult = { readonly ok: true; readonly query: ListQuery } | { readonly ok: false; readonly issues: LocalIssue[] };
