import { decodeCursor, encodeCursor } from '@tessera/core';
import type { Request } from 'express';
import { problem, type ProblemFieldError } from '../http/problem';

/** The paging every list of this module takes: limit 1–200 (default 50) and the cursor of the page before. */
export interface PageQuery {
  readonly limit: number;
  /** The keyset position the page starts after (the values the list's cursor holds), if a cursor was given. */
  readonly after?: readonly unknown[];
}

/** What a list accepts besides paging: parameters with the values each may take, and what its cursor holds. */
export interface PageQuerySpec<P extends string, V extends string> {
  readonly params: { readonly [K in P]: readonly V[] };
  /** How many values the list's cursor holds, and whether they are the ones it wrote. */
  readonly cursor: { readonly length: number; readonly valid: (values: readonly unknown[]) => boolean };
}

const MAX_LIMIT = 200;
const DEFAULT_LIMIT = 50;

const issue = (name: string, code: string, message: string): ProblemFieldError => ({ path: `/query/${name}`, code, message });

/** Reads a list's query string; anything unknown, repeated or out of range answers 400 with every problem at /query/<name>. */
export function parsePageQuery<P extends string, V extends string>(query: Request['query'], spec: PageQuerySpec<P, V>): PageQuery & { readonly params: Partial<Record<P, V>> } {
  const errors: ProblemFieldError[] = [];
  const known = ['limit', 'cursor', ...Object.keys(spec.params)];
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!known.includes(name)) errors.push(issue(name, 'query.parameter', `unknown parameter "${name}"; known: ${known.join(', ')}`));
    else if (typeof value !== 'string') errors.push(issue(name, 'query.value', `"${name}" must be given once`));
    else values[name] = value;
  }
  let limit = DEFAULT_LIMIT;
  if (values.limit !== undefined) {
    limit = /^\d{1,3}$/.test(values.limit) ? Number(values.limit) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) errors.push(issue('limit', 'query.value', `limit must be a whole number from 1 to ${MAX_LIMIT}`));
  }
  const after = values.cursor === undefined ? undefined : decodeCursor(values.cursor, spec.cursor.length);
  if (values.cursor !== undefined && !(after && spec.cursor.valid(after))) errors.push(issue('cursor', 'query.value', 'cursor must be a page.next of this list'));
  const params: Partial<Record<P, V>> = {};
  for (const [name, allowed] of Object.entries(spec.params) as Array<[P, readonly V[]]>) {
    const value = values[name];
    if (value === undefined) continue;
    if ((allowed as readonly string[]).includes(value)) params[name] = value as V;
    else errors.push(issue(name, 'query.value', `${name} must be one of ${allowed.join(', ')}`));
  }
  if (errors.length) throw problem(400, { code: 'query.invalid', detail: 'The request is not valid.', errors });
  return { limit, ...(after ? { after } : {}), params };
}

/** A page of rows fetched with one extra: the rows to show, and the cursor of the next page (null on the last). */
export function pageOf<R>(rows: readonly R[], limit: number, position: (row: R) => readonly unknown[]): { rows: R[]; next: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { rows: shown, next: rows.length > limit && last !== undefined ? encodeCursor(position(last)) : null };
}
