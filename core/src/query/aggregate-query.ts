import type { ConditionNode } from '../conditions/ast';
import type { LocalIssue } from '../errors/issue';
import type { EntityModel, FieldModel } from '../model/app-model';

/** The calendar parts a date or datetime groups by (datetimes in UTC). */
export const DATE_PARTS = ['day', 'week', 'month', 'quarter', 'year'] as const;

/** A calendar part a date or datetime groups by. */
export type DatePart = (typeof DATE_PARTS)[number];

/** The measures an aggregate computes per group. */
export const MEASURE_NAMES = ['count', 'sum', 'avg', 'min', 'max', 'countDistinct'] as const;

/** A measure's function. */
export type MeasureName = (typeof MEASURE_NAMES)[number];

/** One group key: a field, or a calendar part of a date; `key` names its column in the answer ("closeDate:month"). */
export interface GroupKey {
  readonly key: string;
  readonly field: FieldModel;
  readonly part?: DatePart;
}

/** One measure: `count` counts rows; the others read a field; `key` names its column in the answer ("sum:amount"). */
export interface Measure {
  readonly key: string;
  readonly name: MeasureName;
  readonly field?: FieldModel;
}

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
