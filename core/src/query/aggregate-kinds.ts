import { fieldTypes } from '../fields/builtins';
import { codePointSort } from '../fields/sort-sql';
import type { ValueKind } from '../fields/value-kinds';
import type { FieldModel } from '../model/app-model';
import type { SqlFragment } from '../sql/fragment';
import type { DatePart, MeasureName } from './aggregate-query';

/** What aggregates may do with the values of one kind. */
export interface AggregateKind {
  /** Rows may be grouped by the value (a reference groups by the target's id). */
  readonly group: boolean;
  /** sum and avg apply. */
  readonly arithmetic: boolean;
  /** min and max apply, over the value this gives (text compares by code point, as lists sort it). */
  readonly ordered?: (value: SqlFragment) => SqlFragment;
  /** countDistinct applies. */
  readonly distinct: boolean;
  /** share applies: the value is yes or no. */
  readonly share?: boolean;
  /** Calendar parts apply, read from the date this gives (a datetime's UTC wall time). */
  readonly calendar?: (value: SqlFragment) => SqlFragment;
}

const same = (value: SqlFragment): SqlFragment => value;

/** Every value kind's aggregate abilities (a new kind fails to compile until it says what it allows). */
export const aggregateKinds: Record<ValueKind, AggregateKind> = {
  text: { group: true, arithmetic: false, ordered: codePointSort, distinct: true },
  number: { group: true, arithmetic: true, ordered: same, distinct: true },
  boolean: { group: true, arithmetic: false, distinct: true, share: true },
  date: { group: true, arithmetic: false, ordered: same, distinct: true, calendar: same },
  datetime: {
    group: true, arithmetic: false, ordered: same, distinct: true,
    calendar: (v) => ({ sql: `(${v.sql} at time zone 'UTC')`, bindings: v.bindings }),
  },
  reference: { group: true, arithmetic: false, distinct: true },
  // Grouping by a whole document or a list of values has no single key per row.
  json: { group: false, arithmetic: false, distinct: false },
  textList: { group: false, arithmetic: false, distinct: false },
};

/** The aggregate abilities of a field, from its type's value kind. */
export const aggregateKindOf = (field: FieldModel): AggregateKind => aggregateKinds[fieldTypes.get(field.type).valueKind(field.definition as never)];

const MEASURES: Record<Exclude<MeasureName, 'count'>, (kind: AggregateKind) => boolean> = {
  sum: (k) => k.arithmetic, avg: (k) => k.arithmetic, min: (k) => k.ordered !== undefined, max: (k) => k.ordered !== undefined,
  countDistinct: (k) => k.distinct, share: (k) => k.share === true, ratio: (k) => k.arithmetic,
};

/** Whether a measure other than count applies to a field (for ratio: to each of its two fields). */
export const measureApplies = (name: Exclude<MeasureName, 'count'>, field: FieldModel): boolean => MEASURES[name](aggregateKindOf(field));

// to_char patterns: ISO week-numbering year with the ISO week, so 2027-01-01 is in 2026-W53.
const PART_FORMATS: Record<DatePart, string> = { day: 'YYYY-MM-DD', week: 'IYYY-"W"IW', month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };

/** The SQL of a calendar part of a date or datetime value, as sortable text ("2026-03", "2026-Q1", "2026-W05"). */
export function datePartSql(field: FieldModel, value: SqlFragment, part: DatePart): SqlFragment {
  const date = aggregateKindOf(field).calendar!(value);
  return { sql: `to_char(${date.sql}, '${PART_FORMATS[part]}')`, bindings: date.bindings };
}
