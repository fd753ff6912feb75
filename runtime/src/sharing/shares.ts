import type { EntityModel } from '@tessera/core';
import type { Knex } from 'knex';
import { prepared, run, type Row } from '../db/statement';
import { getRecord, recordFor, type RecordContext } from '../records/operations';
import { RecordError } from '../records/record-error';
import { SHARES_TABLE } from './shares-table';

/** A share of a record: with a user or a department, to read or to edit. */
export interface Share {
  readonly id: string;
  readonly user: string | null;
  readonly team: string | null;
  readonly access: 'read' | 'edit';
  readonly createdBy: string | null;
  readonly createdAt: string;
}

/** Who a share is for and what it allows, as a request gives it. */
export type ShareGrant = { readonly user: string; readonly access: 'read' | 'edit' } | { readonly team: string; readonly access: 'read' | 'edit' };

const COLUMNS = `id, user_id as "user", team_id as "team", access, created_by as "createdBy", created_at as "createdAt"`;

const LIST = prepared(`select ${COLUMNS} from ${SHARES_TABLE} where entity = $1 and record_id = $2 order by created_at, id`, 'sharing');
// A second grant to the same user or department changes its access instead of adding a row.
const GRANT_USER = prepared(`insert into ${SHARES_TABLE} (entity, record_id, user_id, access, created_by) values ($1, $2, $3, $4, $5)
  on conflict (entity, record_id, user_id) where user_id is not null do update set access = excluded.access returning ${COLUMNS}`, 'sharing');
const GRANT_TEAM = prepared(`insert into ${SHARES_TABLE} (entity, record_id, team_id, access, created_by) values ($1, $2, $3, $4, $5)
  on conflict (entity, record_id, team_id) where team_id is not null do update set access = excluded.access returning ${COLUMNS}`, 'sharing');
// A grant that exists already (to read or to edit) stays as it is: reading is the least a share allows.
const READ_FOR = prepared(`insert into ${SHARES_TABLE} (entity, record_id, user_id, access, created_by) values ($1, $2, $3, 'read', $4)
  on conflict (entity, record_id, user_id) where user_id is not null do nothing`, 'sharing');
const REVOKE = prepared(`delete from ${SHARES_TABLE} where entity = $1 and record_id = $2 and id = $3 returning id`, 'sharing');

const shape = (row: Row): Share => row as unknown as Share;

/** The shares of a record the caller may read. */
export async function listShares(ctx: RecordContext, entity: EntityModel, id: string): Promise<Share[]> {
  await getRecord(ctx, entity, id);
  return (await run(ctx.db, LIST, [entity.name, id])).map(shape);
}

/** Shares a record the caller's roles let them share; answers the share (a repeated grant updates its access). */
export async function grantShare(ctx: RecordContext, entity: EntityModel, id: string, grant: ShareGrant): Promise<Share> {
  await recordFor(ctx, entity, id, 'share');
  const [statement, grantee] = 'user' in grant ? [GRANT_USER, grant.user] : [GRANT_TEAM, grant.team];
  const [row] = await run(ctx.db, statement, [entity.name, id, grantee, grant.access, ctx.userId]);
  return shape(row!);
}

/**
 * Lets a user read a record, in the caller's transaction, without asking anyone's permission: the process engine gives
 * it to whoever it asks to approve the record. Like every share, it widens rows only where a role lets them read the entity.
 */
export async function shareToRead(trx: Knex.Transaction, entity: string, id: string, userId: string, by: string | null): Promise<void> {
  await run(trx, READ_FOR, [entity, id, userId, by]);
}

/** Removes a share of a record the caller's roles let them share. */
export async function revokeShare(ctx: RecordContext, entity: EntityModel, id: string, shareId: string): Promise<void> {
  await recordFor(ctx, entity, id, 'share');
  const [row] = await run(ctx.db, REVOKE, [entity.name, id, shareId]);
  if (!row) throw new RecordError('notFound');
}
