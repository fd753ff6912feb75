import type { Knex } from 'knex';
import { ensureAuthTables } from './auth-tables';
import { generatePassword, hashPassword } from './passwords';
import { insertUser } from './users';

/** The role that marks an administrator; the permissions layer gives it everything. */
export const ADMIN_ROLE = 'admin';

/** Where the first admin's email and password come from, and where a generated password is told, once. */
export interface BootstrapAdminOptions {
  /** Defaults to TESSERA_ADMIN_EMAIL, then admin@example.com. */
  readonly email?: string;
  /** Defaults to TESSERA_ADMIN_PASSWORD; when neither is set a password is generated and passed to onGeneratedPassword. */
  readonly password?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly onGeneratedPassword?: (credentials: { email: string; password: string }) => void;
}

/** What bootstrapping did: created the admin, or found users already there and left them alone. */
export type BootstrapAdminResult = { readonly status: 'created'; readonly email: string; readonly id: string } | { readonly status: 'skipped' };

/**
 * On a database with no users, creates an admin (role `admin`); otherwise does nothing. Idempotent, and safe when
 * several instances start together: the check and the insert run in one transaction under an advisory lock.
 */
export async function bootstrapAdmin(knex: Knex, options: BootstrapAdminOptions = {}): Promise<BootstrapAdminResult> {
  await ensureAuthTables(knex);
  if (await knex('user').first('id')) return { status: 'skipped' };
  const env = options.env ?? process.env;
  const email = (options.email ?? env.TESSERA_ADMIN_EMAIL ?? 'admin@example.com').trim();
  const given = options.password ?? env.TESSERA_ADMIN_PASSWORD;
  const password = given || generatePassword();
  // Hash before the transaction: argon2 takes a while, and PGlite's only connection must not wait on it.
  const passwordHash = await hashPassword(password);
  const result = await knex.transaction(async (trx): Promise<BootstrapAdminResult> => {
    await trx.raw(`select pg_advisory_xact_lock(hashtext('tessera.bootstrap-admin:' || current_schema()))`);
    if (await trx('user').first('id')) return { status: 'skipped' };
    const id = await insertUser(trx, { email, name: 'Administrator', passwordHash, roles: [ADMIN_ROLE] });
    return { status: 'created', email, id };
  });
  if (result.status === 'created' && !given) options.onGeneratedPassword?.({ email, password });
  return result;
}
