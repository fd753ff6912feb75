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
    // The departments first, and the people in them, so that what the plugins compute per department counts them.
    const departments = planned.ok ? await writeSeed({ ...ctx, duplicates: 'skip' }, planned.records.filter((r) => r.entity === 'team')) : planned;
    if (departments.ok) await placeInTeams(knex, users);
    const written = planned.ok && departments.ok ? await writeSeed({ ...ctx, duplicates: 'skip' }, planned.records) : departments;
    if (!written.ok) throw new FirstStartError(`the app's seed data cannot be loaded:\n${written.problems.map(formatSeedProblem).join('\n')}`);
  } else {
    await placeInTeams(knex, users);
  }
  return users.map((u, i) => ({ email: u.email, roles: u.roles, password: passwords[i]! }));
}

/** Puts each user in their department, a team of the seed data. */
async function placeInTeams(knex: Knex, users: NonNullable<AppModel['firstStart']>['users'] = []): Promise<void> {
  const placed = users.filter((u) => u.team !== undefined);
  if (!placed.length) return;
  const teams = new Set(await knex('team').whereIn('id', placed.map((u) => u.team!)).pluck('id') as string[]);
  const missing = placed.map((u) => users.indexOf(u)).filter((i) => !teams.has(users[i]!.team!));
  if (missing.length) {
    throw new FirstStartError(missing.map((i) => `app.json /firstStart/users/${i}/team: no team ${users[i]!.team} in the seed data`).join('\n'));
  }
  await knex.transaction(async (trx) => {
    for (const user of placed) await trx('user').whereRaw('lower(email) = ?', [user.email.toLowerCase()]).update({ team: user.team });
  });
}
