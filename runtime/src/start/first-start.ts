import { ADMIN_ROLE, permissionsFor, type AppModel, type MetadataReader } from '@tessera/core';
import type { Knex } from 'knex';
import { generatePassword, hashPassword } from '../auth/passwords';
import { insertUser } from '../auth/users';
import type { RecordHooks } from '../records/hooks';
import { planSeed, type SeedContext } from '../seed/plan-seed';
import { formatSeedProblem } from '../seed/seed-problem';
import { writeSeed } from '../seed/write-seed';

/** A user made on the first start, with the password generated for them (told once). */
export interface FirstStartCredentials {
  readonly email: string;
  readonly roles: readonly string[];
  readonly password: string;
}

/** The first start's seed data could not be loaded: each problem, as `tessera seed` reports it. */
export class FirstStartError extends Error {}

/**
 * What an app asks for on its first start against an empty database (app.json "firstStart"): its users, each with a
 * generated password and their manager, then its layers' seed data, written as the admin through the records layer
 * with the plugins' write hooks (derived values), not the processes' (a demo order is not submitted for approval).
 * Run once, right after the first admin is created, so a restart never repeats it.
 */
export async function runFirstStart(knex: Knex, app: AppModel, reader: MetadataReader, adminId: string, hooks?: RecordHooks): Promise<FirstStartCredentials[]> {
  const users = app.firstStart?.users ?? [];
  const passwords = users.map(() => generatePassword());
  // Hashed before the transaction: argon2 takes a while, and PGlite's only connection must not wait on it.
  const hashes = await Promise.all(passwords.map(hashPassword));
  await knex.transaction(async (trx) => {
    const ids = new Map<string, string>();
    for (const [i, user] of users.entries()) ids.set(user.email, await insertUser(trx, { email: user.email, name: user.name, passwordHash: hashes[i]!, roles: [...user.roles] }));
    for (const user of users) if (user.manager) await trx('user').where({ id: ids.get(user.email) }).update({ manager: ids.get(user.manager) });
  });
  if (app.firstStart?.seed) {
    const now = new Date();
    const ctx: SeedContext = { db: knex, app, permissions: permissionsFor(app, [ADMIN_ROLE]), userId: adminId, locale: 'en', values: { now, today: now.toISOString().slice(0, 10) }, ...(hooks ? { hooks } : {}) };
    const planned = await planSeed(reader, { ...ctx, duplicates: 'skip' });
    const written = planned.ok ? await writeSeed({ ...ctx, duplicates: 'skip' }, planned.records) : planned;
    if (!written.ok) throw new FirstStartError(`the app's seed data cannot be loaded:\n${written.problems.map(formatSeedProblem).join('\n')}`);
  }
  return users.map((u, i) => ({ email: u.email, roles: u.roles, password: passwords[i]! }));
}
