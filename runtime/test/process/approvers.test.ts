import type { Knex } from 'knex';
import { administrators, managerOf, resolveApprovers } from '../../src/process/approvers';
import { testEngines } from '../support/databases';
import { openHttpFixture, type HttpFixture } from '../http/support';
import { loadProcessApp } from './process-app';

/** Every approver source resolves to the users a person would expect, in order, each once, active users only. */
describe.each(testEngines())('approver sources on %s', (engine) => {
  let f: HttpFixture;
  const id: Record<string, string> = {};
  const team: Record<string, string> = {};
  const resolve = (sources: Parameters<typeof resolveApprovers>[1], record: Record<string, unknown> = {}, submittedBy: string | null = null) =>
    f.t.db.knex.transaction((trx) => resolveApprovers({ trx, record, submittedBy }, sources));
  const inTrx = <T>(work: (trx: Knex.Transaction) => Promise<T>) => f.t.db.knex.transaction(work);

  beforeAll(async () => {
    f = await openHttpFixture(engine, await loadProcessApp());
    const knex = f.t.db.knex;
    [team.sales] = (await knex('team').insert({ name: 'Sales' }).returning('id')).map((r: { id: string }) => r.id);
    [team.east] = (await knex('team').insert({ name: 'Sales East', parent: team.sales }).returning('id')).map((r: { id: string }) => r.id);
    const people: Array<[string, string[], string | undefined, boolean]> = [
      ['ceo', ['admin'], undefined, true], ['vp', ['manager'], undefined, true], ['boss', ['manager'], 'east', true],
      ['rep', ['rep'], 'east', true], ['ann', ['finance'], 'sales', true], ['bob', ['finance'], undefined, true], ['gone', ['finance'], 'east', false],
    ];
    for (const [name, roles, t, active] of people) {
      id[name] = await f.addUser({ email: `${name}@Example.com`, password: 'pa55-word!', name, roles, active });
      if (t) await knex('user').where('id', id[name]).update({ team: team[t] });
    }
    await knex('user').where('id', id.rep).update({ manager: id.boss });
    await knex('user').where('id', id.boss).update({ manager: id.vp });
    await knex('user').where('id', id.vp).update({ manager: id.ceo });
    // A cycle in the org chart (the CEO reporting to the VP) must not make a chain go round for ever.
    await knex('user').where('id', id.ceo).update({ manager: id.vp });
  });
  afterAll(() => f.t.close());

  it('names a user by id or by e-mail (any case), never an inactive one', async () => {
    expect((await resolve({ user: id.ann! })).users).toEqual([id.ann]);
    expect((await resolve({ user: 'BOB@example.COM' })).users).toEqual([id.bob]);
    expect((await resolve({ user: id.gone! })).users).toEqual([]);
  });

  it('names everyone holding a role, and everyone in a department and below it', async () => {
    expect((await resolve({ role: 'finance' })).users).toEqual([id.ann, id.bob]);
    expect((await resolve({ team: 'Sales' })).users).toEqual([id.ann, id.boss, id.rep]);
    expect((await resolve({ team: team.east! })).users).toEqual([id.boss, id.rep]);
  });

  it('reads a user field of the record', async () => {
    expect((await resolve({ field: 'reviewer' }, { reviewer: id.bob })).users).toEqual([id.bob]);
    expect((await resolve({ field: 'reviewer' }, { reviewer: null })).users).toEqual([]);
  });

  it('climbs the manager chain of the owner or the submitter, one level or N, in order and sequentially', async () => {
    expect(await resolve({ manager: 'owner' }, { ownerId: id.rep })).toEqual({ users: [id.boss], sequential: false });
    expect(await resolve({ manager: 'submitter', levels: 2 }, {}, id.rep)).toEqual({ users: [id.boss, id.vp], sequential: true });
    expect((await resolve({ manager: 'submitter', levels: 20 }, {}, id.rep)).users).toEqual([id.boss, id.vp, id.ceo]);
    expect((await resolve({ manager: 'owner' }, { ownerId: null })).users).toEqual([]);
  });

  it('joins several sources in order, each user once', async () => {
    expect((await resolve([{ user: id.bob! }, { role: 'finance' }, { manager: 'owner' }], { ownerId: id.rep })).users).toEqual([id.bob, id.ann, id.boss]);
  });

  it('finds the manager and the administrators a step falls back to', async () => {
    expect(await inTrx((trx) => managerOf(trx, id.rep!))).toBe(id.boss);
    expect(await inTrx((trx) => managerOf(trx, id.bob!))).toBeUndefined();
    expect(await inTrx((trx) => administrators(trx))).toEqual([id.ceo]);
  });
});
