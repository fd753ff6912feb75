import { booleanKind } from './kinds/boolean';
import { dateKind } from './kinds/date';
import { datetimeKind } from './kinds/datetime';
import { jsonKind } from './kinds/json';
import { numberKind } from './kinds/number';
import { referenceKind } from './kinds/reference';
import { textKind } from './kinds/text';
import { textListKind } from './kinds/text-list';

/**
 * The kinds of value fields hold. A kind fixes how values compare, how literals are checked and which SQL type a
 * bound parameter is cast to, so that conditions behave the same in memory and in SQL.
 */
export type ValueKind = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'reference' | 'json' | 'textList';

/** The SQL types a bound parameter is cast to. */
export type SqlCast = 'text' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'uuid' | 'jsonb';

/** Everything about one value kind. */
export interface ValueKindDefinition {
  readonly sqlCast: SqlCast;
  /** Whether a JSON literal is a valid non-null value of this kind (conditions check literals with it). */
  isLiteral(value: unknown): boolean;
  /** What a literal must look like, for error messages. */
  readonly literal: { readonly en: string; readonly 'zh-CN': string };
  /** A value as read from the database or a request, made comparable (numbers as number, dates as ISO text). */
  normalize(value: unknown): unknown;
  /** Orders two normalized non-null values the way SQL does (text by code point, as COLLATE "C"). */
  compare(a: unknown, b: unknown): number;
}

/** Every value kind's definition, by name (a missing kind fails to compile). */
export const valueKinds: Record<ValueKind, ValueKindDefinition> = {
  text: textKind,
  number: numberKind,
  boolean: booleanKind,
  date: dateKind,
  datetime: datetimeKind,
  reference: referenceKind,
  json: jsonKind,
  textList: textListKind,
};
