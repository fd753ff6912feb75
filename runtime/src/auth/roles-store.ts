import { USER_ROLES_TABLE } from '@tessera/core';
import type { SideStore } from '../records/side-stores';

/** A user's roles field as the runtime keeps it: one row per role name; a write replaces the whole set. */
export const rolesStore: SideStore = {
  prepare: async (value) => value,
  write: async ({ trx, recordId, value }) => {
    const roles = value as readonly string[];
    await trx(USER_ROLES_TABLE).where('user_id', recordId).delete();
    if (roles.length) await trx(USER_ROLES_TABLE).insert(roles.map((role) => ({ user_id: recordId, role })));
  },
};
