import type { ConditionNode, ResolvedPath } from '../conditions/ast';
import type { LocalIssue } from '../errors/issue';
import type { EntityModel } from '../model/app-model';

/** The calendar parts a date or datetime groups by (datetimes in UTC). */
export const DATE_PARTS = ['day', 'week', 'month', 'quarter', 'year'] as const;

/** A calendar part a date or datetime groups by. */
export type DatePart = (typeof DATE_PARTS)[number];

/** The measures an aggregate computes per group. */
export const MEASURE_NAMES = ['count', 'sum', 'avg', 'min', 'max', 'countDistinct', 'share', 'ratio'] as const;

/** How measures are written, as the parser's messages and the OpenAPI document say it. */
export const MEASURE_SYNTAX = "count, sum|avg|min|max|countDistinct|share:<field>, or ratio:<field>/<field> (a field may be a lookup's: account.valueTier)";

/** A measure's function. */
export type MeasureName = (typeof MEASURE_NAMES)[number];

/** The measures that read one value per row. */
export type ValueMeasureName = Exclude<MeasureName, 'count' | 'share' | 'ratio'>;

/**
 * One group key: a field of the entity or of a lookup's target (one hop), or a calendar part of a date; `key` names
 * its column in the answer ("closeDate:month", "account.valueTier").
 */
export interface GroupKey {
  readonly key: string;
  readonly path: ResolvedPath;
  readonly part?: DatePart;
}

/**
 * One measure, under `key` in the answer ("sum:amount"): `count` counts rows; sum, avg, min, max and countDistinct read
 * a value; `share` is the fraction of rows where a condition holds; `ratio` is sum(numerator) / sum(denominator).
 */
export type Measure =
  | { readonly key: string; readonly name: 'count' }
  | { readonly key: string; readonly name: ValueMeasureName; readonly path: ResolvedPath }
  | { readonly key: string; readonly name: 'share'; readonly when: ConditionNode }
  | { readonly key: string; readonly name: 'ratio'; readonly numerator: ResolvedPath; readonly denominator: ResolvedPath };

/** An aggregate request, parsed and checked against the model the caller may read: everything the SQL builder needs. */
export interface AggregateQuery {
  readonly entity: EntityModel;
  readonly filter: ConditionNode;
  readonly groupBy: readonly GroupKey[];
  readonly measures: readonly Measure[];
  /** The most groups answered. */
  readonly limit: number;
}

/** Bounds of aggregate requests, so one request cannot ask for an unbounded answer or statement. */
export interface AggregateLimits {
  readonly maxGroupKeys: number;
  readonly maxMeasures: number;
  readonly maxGroups: number;
}

/** The bounds used when the caller gives none. */
export const DEFAULT_AGGREGATE_LIMITS: AggregateLimits = { maxGroupKeys: 5, maxMeasures: 10, maxGroups: 1000 };

/** The result of parsing an aggregate request. */
export type ParseAggregateResult = { readonly ok: true; readonly query: AggregateQuery } | { readonly ok: false; readonly issues: LocalIssue[] };
