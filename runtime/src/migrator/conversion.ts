import { quoteIdent, type SqlFragment } from '@tessera/core';

/** How a column's type changes: within a family to more room, to less room, or to another kind of value. */
export type TypeChange = 'widen' | 'narrow' | 'convert';

interface Parsed {
  readonly family: 'text' | 'number' | 'other';
  readonly base: string;
  /** Characters for text, whole digits for numbers; undefined when unbounded. */
  readonly room?: number;
  readonly scale?: number;
}

const INTEGER_DIGITS: Record<string, number> = { smallint: 5, integer: 10, bigint: 19 };

function parse(type: string): Parsed {
  const match = /^([a-z ]+?)(?:\((\d+)(?:,(\d+))?\))?$/.exec(type);
  const base = match?.[1] ?? type;
  const n = match?.[2] === undefined ? undefined : Number(match[2]);
  if (base === 'character varying' || base === 'text') return { family: 'text', base, ...(n === undefined ? {} : { room: n }) };
  if (base in INTEGER_DIGITS) return { family: 'number', base, room: INTEGER_DIGITS[base]!, scale: 0 };
  if (base === 'numeric') {
    const scale = Number(match?.[3] ?? 0);
    return { family: 'number', base, ...(n === undefined ? {} : { room: n - scale, scale }) };
  }
  return { family: 'other', base: type };
}

const fits = (from: number | undefined, to: number | undefined) => to === undefined || (from !== undefined && to >= from);

/** Whether a change from one type (as format_type spells it) to another widens, narrows or converts the values. */
export function classifyTypeChange(from: string, to: string): TypeChange {
  const a = parse(from);
  const b = parse(to);
  if (a.family !== b.family || a.family === 'other') return 'convert';
  const scaleFits = b.base !== 'numeric' || b.room === undefined || (b.scale ?? 0) >= (a.scale ?? 0);
  const integerTarget = b.base in INTEGER_DIGITS && a.base === 'numeric';
  return fits(a.room, b.room) && scaleFits && !integerTarget ? 'widen' : 'narrow';
}

/** The characters a text type holds, when it is bounded. */
const textRoom = (type: string): number | undefined => (parse(type).base === 'character varying' ? parse(type).room : undefined);

/** The expression turning a value (SQL `ref`) of type `from` into `to`; into bounded text it yields text, so overlong values fail rather than being cut. */
export function conversionExpression(ref: string, from: string, to: string): string {
  if (to === 'text[]' && from !== 'text[]') return `case when ${ref} is null then null else array[${conversionExpression(ref, from, 'text')}] end`;
  if (from === 'text[]' && to !== 'text[]') return conversionExpression(`array_to_string(${ref}, ';')`, 'text', to);
  if (from === 'jsonb' && to !== 'jsonb') return conversionExpression(`(${ref} #>> '{}')`, 'text', to);
  if (to === 'jsonb') return `to_jsonb(${ref})`;
  if (textRoom(to) !== undefined) return `${ref}::text`;
  return `${ref}::${to}`;
}

/** The rows of a column whose values would not convert: too long for bounded text, or failing the cast (see measure.ts). */
export function conversionFailure(column: string, from: string, to: string): SqlFragment {
  const col = quoteIdent(column);
  const room = textRoom(to);
  if (room !== undefined) return { sql: `${col} is not null and char_length(${conversionExpression(col, from, 'text')}) > ?`, bindings: [room] };
  return { sql: `${col} is not null and not pg_temp.tessera_converts(${col}::text, ?)`, bindings: [conversionExpression(`$1::${from}`, from, to)] };
}

/** The ALTER statement changing a column's type with its conversion. */
export function alterTypeSql(table: string, column: string, from: string, to: string): SqlFragment {
  const col = quoteIdent(column);
  return { sql: `alter table ${quoteIdent(table)} alter column ${col} type ${to} using ${conversionExpression(col, from, to)}`, bindings: [] };
}
