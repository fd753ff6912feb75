import { aliasSource, quoteIdent, storesText, type LocalIssue, type PendingLookup } from '@tessera/core';
import type { Knex } from 'knex';
import type { RecordContext } from '../../records/operations';
import { readScopeOf } from '../../records/scope';

/** The ids the lookups of a batch resolve to (by target, field and value), or the issue of each that does not resolve to one record. */
export type ResolvedLookups = Map<string, string[]>;

const keyOf = (l: Pick<PendingLookup, 'target' | 'by' | 'value'>) => `${l.target}\0${l.by}\0${l.value}`;

/**
 * Finds the records a batch's lookup cells name, one statement per target field, among the records the caller may
 * read: naming a record one cannot see must not reveal that it exists.
 */
export async function resolveLookups(db: Knex | Knex.Transaction, ctx: RecordContext, lookups: readonly PendingLookup[]): Promise<ResolvedLookups> {
  const found: ResolvedLookups = new Map();
  const groups = new Map<string, PendingLookup[]>();
  for (const l of lookups) groups.set(`${l.target}\0${l.by}`, [...(groups.get(`${l.target}\0${l.by}`) ?? []), l]);
  for (const group of groups.values()) {
    const { target, by } = group[0]!;
    const entity = ctx.app.entities[target]!;
    const field = entity.fields[by]!;
    const column = `"r".${quoteIdent(field.column)}${storesText(field) ? '' : '::text'}`;
    const scope = readScopeOf(ctx)(target)
      ?.sql({ app: ctx.app, alias: 'r', values: ctx.values, nextAlias: aliasSource('l') });
    const values = [...new Set(group.map((l) => l.value))];
    const rows = (await db.raw(`select "r"."id" as id, ${column} as v from ${quoteIdent(entity.table)} as "r" where ${column} = any(?)${scope ? ` and ${scope.sql}` : ''}`,
      [values, ...(scope?.bindings ?? [])] as Knex.RawBinding[])).rows as Array<{ id: string; v: string }>;
    for (const row of rows) {
      const key = keyOf({ target, by, value: row.v });
      found.set(key, [...(found.get(key) ?? []), row.id]);
    }
  }
  return found;
}

/** Sets a line's resolved lookups on its body; answers the issues of those naming no record or several. */
export function applyLookups(body: Record<string, unknown>, lookups: readonly PendingLookup[], resolved: ResolvedLookups, columnOf: (l: PendingLookup) => number): LocalIssue[] {
  const issues: LocalIssue[] = [];
  for (const l of lookups) {
    const ids = resolved.get(keyOf(l)) ?? [];
    const params = { header: l.header, target: l.target, by: l.by, value: l.value, count: ids.length };
    if (ids.length === 1) body[l.field] = ids[0];
    else issues.push({ code: ids.length ? 'import.ambiguous' : 'import.lookup', path: `/columns/${columnOf(l)}`, params });
  }
  return issues;
}
