import { hashPassword } from '../../src/auth/passwords';
import { insertUser } from '../../src/auth/users';
import type { Database } from '../../src/db/connect';
import { APPROVER_ROLE, APPROVERS } from './app';

// One password for everyone: argon2 takes tens of milliseconds a hash, and nothing here is secret.
const PASSWORD = 'bench-password-not-secret';

/** A bench user: its id and the bearer token it logged in with. */
export interface Person {
  readonly id: string;
  readonly token: string;
}

/** Who takes part: the requester who submits every deal, and the approvers who vote on them. */
export interface People {
  readonly requester: Person;
  readonly approvers: readonly Person[];
}

/** Logs a user in through POST /api/auth/login, as a client would, and answers its token. */
async function login(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login of ${email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** Adds the requester and the approvers (none an administrator), each reporting to the first approver, and logs them in. */
export async function addPeople(db: Database, baseUrl: string): Promise<People> {
  const passwordHash = await hashPassword(PASSWORD);
  const add = (key: string, role: string) =>
    db.knex.transaction((trx) => insertUser(trx, { email: `${key}@example.com`, name: key, passwordHash, active: true, roles: [role] }));
  const approverIds: string[] = [];
  for (let i = 1; i <= APPROVERS; i++) approverIds.push(await add(`approver${i}`, APPROVER_ROLE));
  const requesterId = await add('requester', 'requester');
  await db.knex('user').where('id', requesterId).update({ manager: approverIds[0] });
  const person = async (key: string, id: string): Promise<Person> => ({ id, token: await login(baseUrl, `${key}@example.com`) });
  return {
    requester: await person('requester', requesterId),
    approvers: await Promise.all(approverIds.map((id, i) => person(`approver${i + 1}`, id))),
  };
}
