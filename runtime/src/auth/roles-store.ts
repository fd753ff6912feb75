import { USER_ROLES_TABLE } from '@tessera/core';
import type { SideStore } from '../records/side-stores';

/**
 * A user's roles field as the runtime keeps it: one row per role name; a write replaces the whole set. A change is
 * audited in the history row the record's own statement just wrote in this transaction (its statement cannot see the
 * side table), so "who made whom an admin" is in the user's history like any other change.
 */
export const rolesStore: SideStore = {
  prepare: async (value) => value,
  write: async ({ trx, recordId, value }) => {
    const roles = [...(value as readonly string[])].sort();
    const before = await trx(USER_ROLES_TABLE).where('user_id', recordId).orderBy('role').pluck('role') as string[];
    await trx(USER_ROLES_TABLE).where('user_id', recordId).delete();
    if (roles.length) await trx(USER_ROLES_TABLE).insert(roles.map((role) => ({ user_id: recordId, role })));
    if (JSON.stringify(before) === JSON.stringify(roles)) return;
    await trx.raw(
      `update tessera_history set changes = changes || jsonb_build_object('roles', jsonb_build_object('old', ?::jsonb, 'new', ?::jsonb))
       where id = (select max(id) from tessera_history where entity = 'user' and record_id = ?)`,
      [JSON.stringify(before), JSON.stringify(roles), recordId],
    );
  },
};
