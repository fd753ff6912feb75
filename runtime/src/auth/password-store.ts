import type { SideStore } from '../records/side-stores';
import { hashPassword } from './passwords';
import { setPasswordHash } from './users';

/**
 * A user's password field as the runtime keeps it: only its argon2 hash, in tessera_credentials. Null removes it, and
 * the user cannot log in until an admin sets another. Either way the user's live sessions end (a password is reset
 * because it leaked as often as because it was forgotten); a trigger tells every instance's session cache.
 */
export const passwordStore: SideStore = {
  prepare: async (value) => (value === null ? null : hashPassword(value as string)),
  write: async ({ trx, recordId, value }) => {
    if (value === null) await trx('tessera_credentials').where('user_id', recordId).delete();
    else await setPasswordHash(trx, recordId, value as string);
    await trx('tessera_sessions').where('user_id', recordId).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
  },
};
