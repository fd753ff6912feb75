import { fieldStorage, fieldTypes, quoteIdent, type AppModel, type EntityModel, type FieldModel } from '@tessera/core';
import type { Knex } from 'knex';
import { prepared, run, type Statement } from '../db/statement';
import { SHARES_TABLE } from '../sharing/shares-table';

/**
 * Every stored field of any entity that points to records of `target` (lookups, master-detail, user fields). System
 * fields are not: a record's id is itself, and createdBy and the like keep who acted.
 */
export function referencesTo(app: AppModel, target: string): FieldModel[] {
  return Object.values(app.entities).flatMap((e) => e.fieldNames.map((n) => e.fields[n]!)
    .filter((f) => !f.system && fieldStorage(f) === 'column' && fieldTypes.get(f.type).target?.(f.definition as never) === target));
}

/**
 * Points every reference to the merged records at the survivor, each changed record at a new version with an update
 * in its history, one statement a field: (merged ids, survivor, user, entity). A unique key the change breaks fails
 * the statement (23505), and with it the merge.
 */
function repointStatement(app: AppModel, field: FieldModel): Statement {
  const entity = app.entities[field.entity]!;
  const col = (name: string) => quoteIdent(entity.fields[name]!.column);
  return prepared(`with "old" as (select "r"."id", "r".${quoteIdent(field.column)} as "v" from ${quoteIdent(entity.table)} as "r"
      where "r".${quoteIdent(field.column)} = any($1::uuid[]) for update),
    "saved" as (update ${quoteIdent(entity.table)} as "r" set ${quoteIdent(field.column)} = $2::uuid, ${col('version')} = "r".${col('version')} + 1,
      ${col('updatedAt')} = now(), ${col('updatedBy')} = $3::uuid from "old" where "r"."id" = "old"."id" returning "r"."id"),
    "h" as (insert into tessera_history (entity, record_id, action, changes, user_id)
      select $4, "old"."id", 'update', jsonb_build_object($5::text, jsonb_build_object('old', to_jsonb("old"."v"), 'new', to_jsonb($2::uuid))), $3::uuid from "old")
    select count(*)::int as n from "saved"`, app.hash);
}

/** Re-points the references of every entity from the merged records to the survivor. */
export async function repointReferences(trx: Knex.Transaction, app: AppModel, entity: EntityModel, survivor: string, merged: readonly string[], userId: string | null): Promise<void> {
  for (const field of referencesTo(app, entity.name)) {
    await run(trx, repointStatement(app, field), [[...merged], survivor, userId, field.entity, field.name]);
  }
}

const MOVE_HISTORY = prepared('update tessera_history set record_id = $2 where entity = $1 and record_id = any($3::uuid[])', 'merge');

// A grantee with shares on several of the records keeps one share on the survivor, the widest (edit over read).
const MOVE_SHARES = prepared(`with "moved" as (delete from ${SHARES_TABLE} where entity = $1 and record_id = any($3::uuid[])
      returning user_id, team_id, access, created_by, created_at),
    "users" as (insert into ${SHARES_TABLE} (entity, record_id, user_id, access, created_by, created_at)
      select distinct on (user_id) $1, $2::uuid, user_id, access, created_by, created_at from "moved" where user_id is not null
      order by user_id, access = 'edit' desc
      on conflict (entity, record_id, user_id) where user_id is not null
      do update set access = case when excluded.access = 'edit' then 'edit' else ${SHARES_TABLE}.access end)
  insert into ${SHARES_TABLE} (entity, record_id, team_id, access, created_by, created_at)
    select distinct on (team_id) $1, $2::uuid, team_id, access, created_by, created_at from "moved" where team_id is not null
    order by team_id, access = 'edit' desc
    on conflict (entity, record_id, team_id) where team_id is not null
    do update set access = case when excluded.access = 'edit' then 'edit' else ${SHARES_TABLE}.access end`, 'merge');

/** Moves the merged records' history and shares to the survivor. */
export async function moveHistoryAndShares(trx: Knex.Transaction, entity: EntityModel, survivor: string, merged: readonly string[]): Promise<void> {
  await run(trx, MOVE_HISTORY, [entity.name, survivor, [...merged]]);
  await run(trx, MOVE_SHARES, [entity.name, survivor, [...merged]]);
}
