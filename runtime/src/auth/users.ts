import type { Knex } from 'knex';

/** The signed-in user as handlers see it (`res.locals.user`). Never carries a password hash. */
export interface AuthUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly roles: readonly string[];
  /**
   * The user's department and every department above it (`team.parent`): a member of "Sales East" is a member of
   * "Sales", so a record shared with "Sales" reaches them. Empty when the user has no department.
   */
  readonly teamIds: readonly string[];
  /** Every user below this one in the reporting tree (`user.manager`), at any depth; never the user themself. */
  readonly subordinateIds: readonly string[];
}

/** A user row as the auth queries select it. */
export interface UserRow {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly roles: string[];
  readonly team_ids: string[];
  readonly subordinate_ids: string[];
}

// The lists below are correlated subqueries on the user "u", so that resolving a session stays one statement. Both
// trees are plain data and may hold a cycle: `union` (not `union all`) drops rows already found, so the walk ends.

/** SQL for the role names of the user "u", as `roles`. */
export const ROLES_SQL = 'array(select r.role from tessera_user_roles r where r.user_id = u.id order by r.role) as roles';

/** SQL for the ids of the department of the user "u" and of every department above it, as `team_ids`. */
export const TEAM_IDS_SQL = `array(with recursive up(id) as (
      select u.team where u.team is not null
      union select t.parent from "team" t join up on t.id = up.id where t.parent is not null)
    select id from up) as team_ids`;

/** SQL for the ids of every user below the user "u" in the reporting tree, as `subordinate_ids`. */
export const SUBORDINATE_IDS_SQL = `array(with recursive down(id) as (
      select s.id from "user" s where s.manager = u.id
      union select s.id from "user" s join down on s.manager = down.id)
    select id from down where id <> u.id) as subordinate_ids`;

/** The columns every auth query selects from `"user" as u`: the public fields, the role names and the organisation. */
export const userColumns = (knex: Knex): Array<string | Knex.Raw> =>
  ['u.id', 'u.email', 'u.name', knex.raw(ROLES_SQL), knex.raw(TEAM_IDS_SQL), knex.raw(SUBORDINATE_IDS_SQL)];

/** Picks the fields of a user row that make an AuthUser. */
export const toAuthUser = (row: UserRow): AuthUser => ({
  id: row.id, email: row.email, name: row.name, roles: row.roles, teamIds: row.team_ids, subordinateIds: row.subordinate_ids,
});

/** The user as the auth routes answer it: the organisation lists stay server-side (a CEO's subordinates are everyone). */
export const publicUser = (user: AuthUser): Pick<AuthUser, 'id' | 'email' | 'name' | 'roles'> =>
  ({ id: user.id, email: user.email, name: user.name, roles: user.roles });

/** Normalizes an email for lookups and rate-limit keys. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** A user found for a login: the public fields, whether it is active, and its password hash (server-side only). */
export interface LoginCandidate {
  readonly user: AuthUser;
  readonly active: boolean;
  readonly passwordHash: string | undefined;
}

/** Finds the user an email belongs to (case-insensitively), with its password hash, or undefined. */
export async function findLoginCandidate(knex: Knex, email: string): Promise<LoginCandidate | undefined> {
  const row = await knex('user as u')
    .leftJoin('tessera_credentials as c', 'c.user_id', 'u.id')
    .whereRaw('lower(u.email) = ?', [normalizeEmail(email)])
    .first([...userColumns(knex), knex.raw('coalesce(u.active, true) as active'), 'c.password_hash']) as
    (UserRow & { active: boolean; password_hash: string | null }) | undefined;
  return row && { user: toAuthUser(row), active: row.active, passwordHash: row.password_hash ?? undefined };
}

/** What a new user needs: its email and name, its password hash, and its roles. */
export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly roles?: readonly string[];
  readonly active?: boolean;
}

/** Inserts a user with its credentials and roles, inside the caller's transaction; answers the new id. */
export async function insertUser(trx: Knex.Transaction, user: NewUser): Promise<string> {
  const [row] = await trx('user').insert({ email: user.email, name: user.name, active: user.active ?? true }).returning('id') as Array<{ id: string }>;
  const id = row!.id;
  await setPasswordHash(trx, id, user.passwordHash);
  if (user.roles?.length) await trx('tessera_user_roles').insert(user.roles.map((role) => ({ user_id: id, role })));
  return id;
}

/** Sets (or replaces) a user's password hash, inside the caller's transaction. */
export async function setPasswordHash(trx: Knex.Transaction, userId: string, passwordHash: string): Promise<void> {
  await trx('tessera_credentials')
    .insert({ user_id: userId, password_hash: passwordHash, updated_at: trx.fn.now() })
    .onConflict('user_id').merge(['password_hash', 'updated_at']);
}
