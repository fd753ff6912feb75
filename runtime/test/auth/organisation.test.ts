import { issueToken, resolveToken } from '../../src/auth/tokens';
import { USERS_TOPIC } from '../../src/auth/token-cache';
import type { AuthUser } from '../../src/auth/users';
import { testEngines } from '../support/databases';
import { openHttpFixture, type HttpFixture } from '../http/support';
import { eventually } from '../support/eventually';

const PASSWORD = 'pa55-word!';

describe.each(testEngines())('the signed-in user\'s departments and reports on %s', (engine) => {
  let f: HttpFixture;
  beforeAll(async () => {
    f = await openHttpFixture(engine);
  });
  afterAll(() => f.t.close());

  const knex = () => f.t.db.knex;
  const department = async (name: string, parent?: string): Promise<string> => {
    const [row] = await knex()('team').insert({ name, parent: parent ?? null }).returning('id') as Array<{ id: string }>;
    return row!.id;
  };
  const person = async (email: string, fields: { manager?: string; team?: string } = {}): Promise<string> => {
    const id = await f.addUser({ email, password: PASSWORD });
    if (fields.manager || fields.team) await knex()('user').where('id', id).update(fields);
    return id;
  };
  const tokenOf = (userId: string) => knex().transaction((trx) => issueToken(trx, userId, 'session', 60_000)).then((t) => t.token);
  const signedIn = async (userId: string): Promise<AuthUser> => (await resolveToken(knex(), await tokenOf(userId)))!.user;
  const sorted = (ids: readonly string[]) => [...ids].sort();

  it('lists a member\'s department and every department above it, and none for a user without one', async () => {
    const sales = await department('Sales');
    const east = await department('Sales East', sales);
    const retail = await department('Sales East Retail', east);
    const member = await person('retail@example.com', { team: retail });
    const head = await person('sales@example.com', { team: sales });
    const loner = await person('loner@example.com');
    expect(sorted((await signedIn(member)).teamIds)).toEqual(sorted([retail, east, sales]));
    expect((await signedIn(head)).teamIds).toEqual([sales]);
    expect((await signedIn(loner)).teamIds).toEqual([]);
  });

  it('lists everyone below a manager at any depth, only their own below a mid manager, and no one below a leaf', async () => {
    const top = await person('top@example.com');
    const mid = await person('mid@example.com', { manager: top });
    const other = await person('other-mid@example.com', { manager: top });
    const leaf = await person('leaf@example.com', { manager: mid });
    const leaf2 = await person('leaf2@example.com', { manager: mid });
    const otherLeaf = await person('other-leaf@example.com', { manager: other });
    expect(sorted((await signedIn(top)).subordinateIds)).toEqual(sorted([mid, other, leaf, leaf2, otherLeaf]));
    expect(sorted((await signedIn(mid)).subordinateIds)).toEqual(sorted([leaf, leaf2]));
    expect((await signedIn(leaf)).subordinateIds).toEqual([]);
  });

  it('ends on a cycle in either tree and never counts the user among their own reports', async () => {
    const a = await person('cycle-a@example.com');
    const b = await person('cycle-b@example.com', { manager: a });
    const c = await person('cycle-c@example.com', { manager: b });
    await knex()('user').where('id', a).update({ manager: b });
    expect(sorted((await signedIn(a)).subordinateIds)).toEqual(sorted([b, c]));
    expect(sorted((await signedIn(b)).subordinateIds)).toEqual(sorted([a, c]));
    const x = await department('Cycle X');
    const y = await department('Cycle Y', x);
    await knex()('team').where('id', x).update({ parent: y });
    const member = await person('cycle-member@example.com', { team: x });
    expect(sorted((await signedIn(member)).teamIds)).toEqual(sorted([x, y]));
  });

  it('answers a manager changed in plain SQL on the next resolve', async () => {
    const boss = await person('boss@example.com');
    const report = await person('report@example.com');
    const token = await tokenOf(boss);
    expect((await resolveToken(knex(), token))!.user.subordinateIds).toEqual([]);
    await knex()('user').where('id', report).update({ manager: boss });
    expect((await resolveToken(knex(), token))!.user.subordinateIds).toEqual([report]);
  });

  it('tells the session caches when a department moves, is added or a user gets a manager', async () => {
    const heard: Array<string | undefined> = [];
    const unsubscribe = f.t.db.invalidations.subscribe((topic) => heard.push(topic));
    try {
      await eventually(() => f.t.db.invalidations.live);
      const heardAfter = async (change: () => Promise<unknown>) => {
        heard.length = 0;
        await change();
        await eventually(() => heard.includes(USERS_TOPIC));
      };
      const parent = await department('Moves to');
      const moved = await department('Moving');
      await heardAfter(() => knex()('team').where('id', moved).update({ parent }));
      await heardAfter(() => department('Brand new'));
      const boss = await person('notify-boss@example.com');
      await heardAfter(() => person('notify-report@example.com', { manager: boss }));
    } finally {
      unsubscribe();
    }
  });

  it('still resolves a token in exactly one statement', async () => {
    const manager = await person('counted-boss@example.com', { team: await department('Counted') });
    await person('counted-report@example.com', { manager });
    const token = await tokenOf(manager);
    const before = f.t.db.stats.statements;
    const resolved = await resolveToken(knex(), token);
    expect(f.t.db.stats.statements - before).toBe(1);
    expect(resolved!.user).toMatchObject({ teamIds: [expect.any(String)], subordinateIds: [expect.any(String)] });
  });
});
