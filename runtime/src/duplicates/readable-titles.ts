import { aliasSource, fieldSql, quoteIdent, type EntityModel, type SqlContext } from '@tessera/core';
import type { Knex } from 'knex';
import type { RecordContext } from '../records/operations';
import { accessScope } from '../records/scope';

/** A record as a duplicate report shows it: its id and title. */
export interface RecordRef {
  readonly id: string;
  readonly title: unknown;
}

/**
 * The records among `ids` the caller may read (shares included), in the order given, each with its title as the
 * caller sees it (its id when the title field is hidden from them). The others are left out without a trace.
 */
export async function readableRecords(ctx: RecordContext, entity: EntityModel, ids: readonly string[]): Promise<RecordRef[]> {
  if (!ids.length) return [];
  const read = ctx.permissions.access('read', entity.name);
  if (!read.allowed) return [];
  const sql: SqlContext = { app: ctx.app, alias: 'r', values: ctx.values, nextAlias: aliasSource('d') };
  const titleField = entity.fields[ctx.permissions.model.entities[entity.name]?.titleField ?? 'id'] ?? entity.fields.id!;
  const title = fieldSql(titleField, sql);
  const scope = accessScope(entity.name, read, { shared: true })?.sql(sql);
  const rows = (await ctx.db.raw(
    `select "r"."id", ${title.sql} as "title" from ${quoteIdent(entity.table)} as "r" where "r"."id" = any(?::uuid[])${scope ? ` and ${scope.sql}` : ''}`,
    [...title.bindings, [...ids], ...(scope?.bindings ?? [])] as Knex.RawBinding[],
  )).rows as RecordRef[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
