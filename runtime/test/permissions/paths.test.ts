import { createAppModel, type AppModel } from '@tessera/core';
import type { EntityDefinition, RoleDefinition } from '@tessera/metadata';
import type { Express } from 'express';
import request from 'supertest';
import { testEngines } from '../support/databases';
import { openHttpFixture, type HttpFixture } from '../http/support';

/**
 * Roles, departments, the reporting tree and sharing on every record path, for each persona the issue names: a rep,
 * a manager two levels above them, a peer in another department, a user a record is shared with, and an admin.
 */
const account: EntityDefinition = {
  name: 'account', label: { en: 'Account' }, ownership: 'none',
  fields: { name: { type: 'text', required: true }, region: { type: 'picklist', options: ['East', 'West'] } },
};
const deal: EntityDefinition = {
  name: 'deal', label: { en: 'Deal' },
  fields: {
    name: { type: 'text', required: true },
    amount: { type: 'currency' },
    stage: { type: 'picklist', options: ['new', 'won', 'lost'], default: 'new' },
    discountCeiling: { type: 'percent' },
    account: { type: 'lookup', target: 'account' },
    parentDeal: { type: 'lookup', target: 'deal' },
  },
  rules: [{ name: 'ceiling_cap', when: { stage: 'won', discountCeiling: { $gt: 30 } }, field: 'discountCeiling', message: { en: 'A won deal allows at most 30 % discount' } }],
};
const label = (en: string) => ({ en });
const roles: RoleDefinition[] = [
  {
    name: 'sales_rep', label: label('Sales rep'),
    permissions: [
      { action: ['read', 'create', 'update', 'delete'], subject: 'deal', where: { ownerId: '$user.id' }, fields: { deny: ['discountCeiling'] } },
      // A lost deal is closed: nobody but an admin edits it, so a rep cannot move a deal there either.
      { action: 'update', subject: 'deal', where: { stage: 'lost' }, inverted: true },
      { action: 'read', subject: 'account' },
    ],
  },
  {
    name: 'sales_manager', label: label('Sales manager'), inherits: ['sales_rep'],
    permissions: [
      { action: 'read', subject: 'deal', where: { ownerId: { $in: '$user.subordinateIds' } } },
      { action: 'share', subject: 'deal', where: { $or: [{ ownerId: '$user.id' }, { ownerId: { $in: '$user.subordinateIds' } }] } },
    ],
  },
  { name: 'directory', label: label('Directory'), permissions: [{ action: 'read', subject: 'user' }, { action: 'read', subject: 'team' }] },
  // Deals of the people in my department (or a department above mine): a row rule that reads through a lookup to user.
  { name: 'dept_viewer', label: label('Department viewer'), permissions: [{ action: 'read', subject: 'deal', where: { 'ownerId.team': { $in: '$user.teamIds' } } }, { action: 'read', subject: 'account' }] },
];
const app: AppModel = createAppModel({ name: 'permission-paths', entities: [account, deal].map((definition) => ({ definition, origin: 'test' })), roles });

const PASSWORD = 'pa55-word!';
const MISSING = '00000000-0000-4000-8000-00000000dead';
const HIDDEN = 'discountCeiling';
type Persona = 'admin' | 'top' | 'mid' | 'rep' | 'peer' | 'friend' | 'hq' | 'clerk' | 'viewer';
type Row = Record<string, unknown> & { id: string };

describe.each(testEngines())('permissions on every record path on %s', (engine) => {
  let f: HttpFixture;
  let server: Express;
  const ids = {} as Record<Persona, string>;
  const tokens = {} as Record<Persona, string>;
  const teams = {} as Record<'sales' | 'east' | 'eastRetail' | 'west', string>;
  const accounts = {} as Record<'east' | 'west', string>;
  /** Deals made in beforeAll, per owner. */
  const seed = {} as Record<'rep' | 'mid' | 'top' | 'peer' | 'friend', string[]>;

  const auth = (who: Persona) => ({ Authorization: `Bearer ${tokens[who]}` });
  const get = (who: Persona, path: string) => request(server).get(path).set(auth(who));
  const post = (who: Persona, path: string, body: unknown) => request(server).post(path).set(auth(who)).send(body as object);
  const patch = (who: Persona, path: string, body: unknown) => request(server).patch(path).set(auth(who)).send(body as object);
  const del = (who: Persona, path: string) => request(server).delete(path).set(auth(who));
  const newDeal = async (who: Persona, body: Record<string, unknown>): Promise<string> => (await post(who, '/api/records/deal', body).expect(201)).body.id as string;
  /** Every deal a persona's list shows, walking the pages. */
  const listAll = async (who: Persona, query: Record<string, string> = {}): Promise<Row[]> => {
    const out: Row[] = [];
    let cursor: string | undefined;
    do {
      const res = await get(who, '/api/records/deal').query({ limit: '500', ...query, ...(cursor ? { cursor } : {}) }).expect(200);
      out.push(...res.body.data);
      cursor = res.body.page.next ?? undefined;
    } while (cursor);
    return out;
  };
  const idsOf = (rows: readonly Row[]) => rows.map((r) => r.id).sort();
  /** Sets a deal's fields as an admin (the hidden field included). */
  const adminSet = async (id: string, body: Record<string, unknown>) => patch('admin', `/api/records/deal/${id}`, body).expect(200);
  /** The deal as stored, read past the API. */
  const stored = async (id: string) => (await f.t.db.knex('deal').where('id', id).first()) as Record<string, unknown> | undefined;
  /** The 404 of an id nobody has: what a forbidden record must answer too. */
  const notFoundBody = async (who: Persona) => (await get(who, `/api/records/deal/${MISSING}`).expect(404)).body;
  const expectNoHidden = (value: unknown) => expect(JSON.stringify(value)).not.toContain(HIDDEN);

  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    server = f.server();
    const knex = f.t.db.knex;
    const team = async (name: string, parent?: string) => ((await knex('team').insert({ name, parent: parent ?? null }).returning('id')) as Array<{ id: string }>)[0]!.id;
    teams.sales = await team('Sales');
    teams.east = await team('Sales East', teams.sales);
    teams.eastRetail = await team('Sales East Retail', teams.east);
    teams.west = await team('Sales West', teams.sales);
    const person = async (who: Persona, roleNames: string[], org: { team?: string; manager?: string } = {}) => {
      ids[who] = await f.addUser({ email: `${who}@example.com`, password: PASSWORD, roles: roleNames });
      if (org.team || org.manager) await knex('user').where('id', ids[who]).update({ team: org.team ?? null, manager: org.manager ?? null });
    };
    await person('admin', ['admin']);
    await person('top', ['sales_manager'], { team: teams.sales });
    await person('mid', ['sales_rep'], { team: teams.east, manager: ids.top });
    await person('rep', ['sales_rep'], { team: teams.east, manager: ids.mid });
    await person('peer', ['sales_rep'], { team: teams.west });
    await person('friend', ['sales_rep'], { team: teams.eastRetail });
    await person('hq', ['sales_rep'], { team: teams.sales });
    await person('clerk', ['directory']);
    await person('viewer', ['dept_viewer'], { team: teams.east });
    for (const who of Object.keys(ids) as Persona[]) {
      tokens[who] = (await request(server).post('/api/auth/login').send({ email: `${who}@example.com`, password: PASSWORD }).expect(200)).body.token;
    }
    accounts.east = (await post('admin', '/api/records/account', { name: 'Acme East', region: 'East' }).expect(201)).body.id;
    accounts.west = (await post('admin', '/api/records/account', { name: 'Acme West', region: 'West' }).expect(201)).body.id;
    for (const who of ['rep', 'mid', 'top', 'peer', 'friend'] as const) {
      seed[who] = [];
      for (let i = 0; i < 5; i++) {
        const id = await newDeal(who, { name: `${who}-${i}`, amount: (i + 1) * 100, account: i % 2 ? accounts.west : accounts.east });
        await adminSet(id, { [HIDDEN]: 10 + i });
        seed[who].push(id);
      }
    }
  });
  afterAll(() => f.t.close());

  /** What a persona may read, computed here from the stored rows: the oracle of the list tests. */
  const expectedIds = async (who: Persona): Promise<string[]> => {
    const rows = (await f.t.db.knex('deal').select('id', 'owner_id')) as Array<{ id: string; owner_id: string }>;
    const shares = (await f.t.db.knex('tessera_shares').where('entity', 'deal')) as Array<{ record_id: string; user_id: string | null; team_id: string | null }>;
    const teamIds: Record<Persona, string[]> = {
      admin: [], clerk: [], top: [teams.sales], mid: [teams.east, teams.sales], rep: [teams.east, teams.sales], viewer: [teams.east, teams.sales],
      peer: [teams.west, teams.sales], friend: [teams.eastRetail, teams.east, teams.sales], hq: [teams.sales],
    };
    const below: Partial<Record<Persona, string[]>> = { top: [ids.mid, ids.rep], mid: [ids.rep] };
    const mayRead = (row: { id: string; owner_id: string }) => {
      if (who === 'admin') return true;
      if (who === 'clerk' || who === 'viewer') return false;
      const shared = shares.some((s) => s.record_id === row.id && (s.user_id === ids[who] || (s.team_id !== null && teamIds[who].includes(s.team_id))));
      return row.owner_id === ids[who] || (who === 'top' && below.top!.includes(row.owner_id)) || shared;
    };
    return rows.filter(mayRead).map((r) => r.id).sort();
  };

  describe('GET by id', () => {
    it('answers a rep their own deal without the hidden field, and another\'s deal with the very 404 of a missing id', async () => {
      const own = await get('rep', `/api/records/deal/${seed.rep[0]}`).expect(200);
      expect(own.body).toMatchObject({ id: seed.rep[0], ownerId: ids.rep, name: 'rep-0' });
      expect(own.body).not.toHaveProperty(HIDDEN);
      const missing = await notFoundBody('rep');
      for (const other of [seed.peer[0], seed.mid[0], seed.top[0], seed.friend[0]]) {
        const res = await get('rep', `/api/records/deal/${other}`).expect(404);
        expect(res.body).toEqual(missing);
      }
    });

    it('shows a manager two levels up the deals of everyone below them, hidden field included, but not a peer\'s', async () => {
      for (const id of [seed.rep[1], seed.mid[1], seed.top[1]]) {
        const res = await get('top', `/api/records/deal/${id}`).expect(200);
        expect(res.body[HIDDEN]).toEqual(expect.any(Number));
      }
      expect((await get('top', `/api/records/deal/${seed.peer[1]}`).expect(404)).body).toEqual(await notFoundBody('top'));
      // The middle manager is a rep: the tree gives a role nothing it does not grant.
      await get('mid', `/api/records/deal/${seed.rep[1]}`).expect(404);
    });

    it('keeps a peer and a user of a sub-department out of the rep\'s deals, and shows the admin all of them', async () => {
      for (const who of ['peer', 'friend', 'hq'] as const) await get(who, `/api/records/deal/${seed.rep[2]}`).expect(404);
      for (const owner of Object.values(seed)) {
        for (const id of owner) expect((await get('admin', `/api/records/deal/${id}`).expect(200)).body[HIDDEN]).toEqual(expect.any(Number));
      }
    });
  });

  describe('list and count', () => {
    it('lists exactly the rows each persona may read, and counts them', async () => {
      for (const who of ['admin', 'top', 'mid', 'rep', 'peer', 'friend', 'hq'] as const) {
        const rows = await listAll(who);
        expect(idsOf(rows)).toEqual(await expectedIds(who));
        const counted = await get(who, '/api/records/deal').query({ count: 'true', limit: '1' }).expect(200);
        expect(counted.body.page.total).toBe(rows.length);
        if (who !== 'admin' && who !== 'top') for (const row of rows) expect(row).not.toHaveProperty(HIDDEN);
      }
      expect((await listAll('admin')).length).toBe(Number((await f.t.db.knex('deal').count({ n: '*' }))[0]!.n));
    });

    it('ANDs the row rule under a user filter: an $or naming another owner\'s rows reveals none of them', async () => {
      const filters = [
        { $or: [{ ownerId: ids.peer }, { name: 'peer-0' }] },
        { $or: [{ ownerId: { $ne: ids.rep } }, { amount: { $gte: 0 } }] },
        { ownerId: { $in: [ids.peer, ids.mid, ids.top] } },
        { $not: { ownerId: '$user.id' } },
      ];
      for (const filter of filters) {
        const res = await get('rep', '/api/records/deal').query({ filter: JSON.stringify(filter), count: 'true', limit: '500' }).expect(200);
        for (const row of res.body.data as Row[]) expect(row.ownerId).toBe(ids.rep);
        expect(res.body.page.total).toBe(res.body.data.length);
      }
      const bracket = await get('rep', '/api/records/deal').query({ 'where[ownerId][$eq]': ids.peer, count: 'true' }).expect(200);
      expect([bracket.body.data, bracket.body.page.total]).toEqual([[], 0]);
      // The manager's filter on a subordinate finds them; on the peer, nothing.
      const mgr = await get('top', '/api/records/deal').query({ filter: JSON.stringify({ ownerId: { $in: [ids.rep, ids.peer] } }), count: 'true' }).expect(200);
      expect(new Set((mgr.body.data as Row[]).map((r) => r.ownerId))).toEqual(new Set([ids.rep]));
    });

    it('reads nothing of a row out of reach through a filter on a lookup: the target reads as missing, as in expand', async () => {
      const child = await newDeal('rep', { name: 'probe-child' });
      await adminSet(child, { parentDeal: seed.peer[4] }); // peer-4, amount 500
      const probe = async (who: Persona, filter: unknown) =>
        ((await get(who, '/api/records/deal').query({ filter: JSON.stringify({ $and: [{ name: 'probe-child' }, filter] }), count: 'true' }).expect(200)).body as { data: Row[]; page: { total: number } });
      for (const filter of [{ 'parentDeal.amount': { $gte: 500 } }, { 'parentDeal.name': { $startsWith: 'peer' } }, { 'parentDeal.ownerId': ids.peer }, { 'parentDeal.stage': { $exists: true } }]) {
        const seen = await probe('rep', filter);
        expect([filter, seen.data.length, seen.page.total]).toEqual([filter, 0, 0]);
        // The admin reads the parent, so the same filter finds the child.
        expect((await probe('admin', filter)).data.length).toBe(1);
      }
      // Out of reach, the parent's fields are as empty as a lookup to nothing; the lookup's own value (its id) stays.
      expect((await probe('rep', { 'parentDeal.name': null })).data.length).toBe(1);
      expect((await probe('rep', { parentDeal: seed.peer[4] })).data.length).toBe(1);
      await del('rep', `/api/records/deal/${child}`).expect(204);
    });

    it('walks keyset pages over a rep\'s rows only, each once, in order', async () => {
      for (const [who, sort] of [['rep', '-amount'], ['top', 'name'], ['friend', '-name']] as const) {
        const pages: Row[][] = [];
        let cursor: string | undefined;
        do {
          const res = await get(who, '/api/records/deal').query({ limit: '2', sort, ...(cursor ? { cursor } : {}) }).expect(200);
          pages.push(res.body.data);
          cursor = res.body.page.next ?? undefined;
        } while (cursor);
        const walked = pages.flat();
        expect(pages.length).toBeGreaterThan(2);
        expect(idsOf(walked)).toEqual(await expectedIds(who));
        const total = (await get(who, '/api/records/deal').query({ count: 'true', sort }).expect(200)).body.page.total;
        expect(total).toBe(walked.length);
        const key = sort.replace('-', '');
        const values = walked.map((r) => r[key] as string | number);
        const ordered = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(values).toEqual(sort.startsWith('-') ? ordered.reverse() : ordered);
      }
    });

    it('reads a row rule through a lookup to an entity the role may not read (deals of my department)', async () => {
      const res = await get('viewer', '/api/records/deal').query({ count: 'true', limit: '500' });
      expect(res.status).toBe(200);
      const owners = new Set([ids.mid, ids.rep, ids.top, ids.hq]); // members of East or Sales, the viewer's departments
      const expected = (await f.t.db.knex('deal').select('id', 'owner_id') as Array<{ id: string; owner_id: string }>).filter((r) => owners.has(r.owner_id)).map((r) => r.id).sort();
      expect(idsOf(res.body.data)).toEqual(expected);
      expect(res.body.page.total).toBe(expected.length);
      await get('viewer', `/api/records/deal/${seed.rep[0]}`).expect(200);
      await get('viewer', `/api/records/deal/${seed.peer[0]}`).expect(404);
      await get('viewer', `/api/records/deal/${seed.friend[0]}`).expect(404);
    });
  });

  describe('expand', () => {
    it('expands a readable lookup in full, a lookup to a row out of reach as its id only', async () => {
      const own = await newDeal('rep', { name: 'expand-own', account: accounts.east });
      const child = await newDeal('rep', { name: 'expand-child', account: accounts.west });
      await adminSet(child, { parentDeal: own });
      const orphan = await newDeal('rep', { name: 'expand-orphan' });
      await adminSet(orphan, { parentDeal: seed.peer[0] });
      await adminSet(own, { [HIDDEN]: 42 });
      const rows = await listAll('rep', { expand: 'account,parentDeal,ownerId', filter: JSON.stringify({ name: { $startsWith: 'expand-' } }), sort: 'name' });
      expect(rows.map((r) => r.name)).toEqual(['expand-child', 'expand-orphan', 'expand-own']);
      const [c, o, w] = rows;
      expect(c!.account).toMatchObject({ id: accounts.west, name: 'Acme West', region: 'West' });
      expect(c!.parentDeal).toMatchObject({ id: own, name: 'expand-own' });
      expect(c!.parentDeal).not.toHaveProperty(HIDDEN);
      expect(o!.parentDeal).toEqual({ id: seed.peer[0] });
      // Users are not the rep's to read: the owner shows as its id.
      expect(w!.ownerId).toEqual({ id: ids.rep });
      expectNoHidden(rows);
      // The admin sees the user and the hidden field; the top manager the subordinate's hidden field.
      const asAdmin = await listAll('admin', { expand: 'parentDeal,ownerId', filter: JSON.stringify({ name: 'expand-child' }) });
      expect(asAdmin[0]!.parentDeal).toMatchObject({ id: own, [HIDDEN]: 42 });
      expect(asAdmin[0]!.ownerId).toMatchObject({ id: ids.rep, email: 'rep@example.com' });
      expect(JSON.stringify(asAdmin)).not.toMatch(/password|argon2/i);
      const asTop = await listAll('top', { expand: 'parentDeal', filter: JSON.stringify({ name: 'expand-child' }) });
      expect(asTop[0]!.parentDeal).toMatchObject({ id: own, [HIDDEN]: 42 });
    });

    it('expands a deal shared with the user in full', async () => {
      const parent = await newDeal('rep', { name: 'expand-shared-parent' });
      const child = await newDeal('friend', { name: 'expand-shared-child' });
      await adminSet(child, { parentDeal: parent });
      const before = await listAll('friend', { expand: 'parentDeal', filter: JSON.stringify({ name: 'expand-shared-child' }) });
      expect(before[0]!.parentDeal).toEqual({ id: parent });
      const share = await post('top', `/api/records/deal/${parent}/shares`, { user: ids.friend, access: 'read' }).expect(201);
      const after = await listAll('friend', { expand: 'parentDeal', filter: JSON.stringify({ name: 'expand-shared-child' }) });
      expect(after[0]!.parentDeal).toMatchObject({ id: parent, name: 'expand-shared-parent' });
      expectNoHidden(after);
      await del('top', `/api/records/deal/${parent}/shares/${share.body.id}`).expect(204);
    });
  });

  describe('history', () => {
    it('answers the history of readable records only, without changes to hidden fields', async () => {
      const id = await newDeal('rep', { name: 'history' });
      await adminSet(id, { [HIDDEN]: 25, amount: 7 });
      await patch('rep', `/api/records/deal/${id}`, { name: 'history 2' }).expect(200);
      const mine = await get('rep', `/api/records/deal/${id}/history`).expect(200);
      expect(mine.body.data.map((h: { action: string }) => h.action)).toEqual(['update', 'update', 'create']);
      expect(mine.body.data[1].changes).toMatchObject({ amount: { old: null, new: 7 } });
      expectNoHidden(mine.body);
      const top = await get('top', `/api/records/deal/${id}/history`).expect(200);
      expect(top.body.data[1].changes).toMatchObject({ [HIDDEN]: { old: null, new: 25 } });
      const missing = (await get('peer', `/api/records/deal/${MISSING}/history`).expect(404)).body;
      for (const who of ['peer', 'mid', 'hq'] as const) expect((await get(who, `/api/records/deal/${id}/history`).expect(404)).body).toEqual(missing);
    });
  });

  describe('create', () => {
    it('makes the rep the owner of what they create, and refuses the hidden field with 403 and its path', async () => {
      const created = await post('rep', '/api/records/deal', { name: 'created', amount: 3 }).expect(201);
      expect(created.body).toMatchObject({ ownerId: ids.rep, createdBy: ids.rep });
      expect(created.body).not.toHaveProperty(HIDDEN);
      const before = Number((await f.t.db.knex('deal').count({ n: '*' }))[0]!.n);
      const refused = await post('rep', '/api/records/deal', { name: 'with ceiling', [HIDDEN]: 5 }).expect(403);
      expect(refused.body.errors[0].path).toBe(`/${HIDDEN}`);
      const owned = await post('rep', '/api/records/deal', { name: 'for someone else', ownerId: ids.peer }).expect(400);
      expect(owned.body.errors[0].path).toBe('/ownerId');
      expect(Number((await f.t.db.knex('deal').count({ n: '*' }))[0]!.n)).toBe(before);
      // The manager may read the hidden field but write it no more than a rep: the write grant denies it.
      expect((await post('top', '/api/records/deal', { name: 'mgr ceiling', [HIDDEN]: 5 }).expect(403)).body.errors[0].path).toBe(`/${HIDDEN}`);
      const admin = await post('admin', '/api/records/deal', { name: 'admin ceiling', [HIDDEN]: 5 }).expect(201);
      expect(admin.body).toMatchObject({ ownerId: ids.admin, [HIDDEN]: 5 });
    });
  });

  describe('update', () => {
    it('updates the rep\'s own deal, answers another\'s with 404 and a manager\'s read-only view with 403', async () => {
      const id = await newDeal('rep', { name: 'to update', amount: 1 });
      const updated = await patch('rep', `/api/records/deal/${id}`, { amount: 2 }).expect(200);
      expect(updated.body).toMatchObject({ amount: 2, version: 2 });
      expect(updated.body).not.toHaveProperty(HIDDEN);
      const missing = (await patch('rep', `/api/records/deal/${MISSING}`, { amount: 2 }).expect(404)).body;
      expect((await patch('rep', `/api/records/deal/${seed.peer[3]}`, { amount: 2 }).expect(404)).body).toEqual(missing);
      expect((await patch('peer', `/api/records/deal/${id}`, { amount: 9 }).expect(404)).body).toEqual(missing);
      await patch('top', `/api/records/deal/${id}`, { amount: 9 }).expect(403);
      expect((await patch('rep', `/api/records/deal/${id}`, { [HIDDEN]: 1 }).expect(403)).body.errors[0].path).toBe(`/${HIDDEN}`);
      expect((await get('admin', `/api/records/deal/${id}`).expect(200)).body).toMatchObject({ amount: 2, version: 2 });
    });

    it('checks the rule before and after: a rep can neither close a deal as lost nor edit a lost one', async () => {
      const id = await newDeal('rep', { name: 'closing' });
      await patch('rep', `/api/records/deal/${id}`, { stage: 'lost' }).expect(403);
      expect(await stored(id)).toMatchObject({ stage: 'new', version: 1 });
      await adminSet(id, { stage: 'lost' });
      await patch('rep', `/api/records/deal/${id}`, { stage: 'new' }).expect(403);
      await patch('rep', `/api/records/deal/${id}`, { amount: 1 }).expect(403);
      expect(await stored(id)).toMatchObject({ stage: 'lost', version: 2 });
      // Still the rep's to read and delete.
      await get('rep', `/api/records/deal/${id}`).expect(200);
    });

    it('hands a deal to another owner through the transfer endpoint, after which the rep no longer sees it', async () => {
      const id = await newDeal('rep', { name: 'handed over' });
      const moved = await post('rep', `/api/records/deal/${id}/owner`, { ownerId: ids.peer }).expect(200);
      expect(moved.body).toMatchObject({ ownerId: ids.peer, version: 2 });
      expect(moved.body).not.toHaveProperty(HIDDEN);
      await get('rep', `/api/records/deal/${id}`).expect(404);
      await get('peer', `/api/records/deal/${id}`).expect(200);
      // Giving it back is the peer's to do, not the rep's; a manager reading it may not take it either.
      await post('rep', `/api/records/deal/${id}/owner`, { ownerId: ids.rep }).expect(404);
      await post('top', `/api/records/deal/${seed.rep[4]}/owner`, { ownerId: ids.top }).expect(403);
      expect((await stored(seed.rep[4]!))!.owner_id).toBe(ids.rep);
    });
  });

  describe('delete', () => {
    it('deletes the rep\'s own deal; another\'s answers 404 (or 403 when readable) and stays', async () => {
      const id = await newDeal('rep', { name: 'to delete' });
      const missing = (await del('rep', `/api/records/deal/${MISSING}`).expect(404)).body;
      expect((await del('peer', `/api/records/deal/${id}`).expect(404)).body).toEqual(missing);
      await del('top', `/api/records/deal/${id}`).expect(403);
      expect(await stored(id)).toBeDefined();
      await del('rep', `/api/records/deal/${id}`).expect(204);
      expect(await stored(id)).toBeUndefined();
      await get('rep', `/api/records/deal/${id}`).expect(404);
    });
  });

  describe('bulk create', () => {
    it('answers per item: the hidden field refused with its path, the rest owned by the rep and shown without it', async () => {
      const items = [{ name: 'bulk-a' }, { name: 'bulk-b', [HIDDEN]: 3 }, { name: 'bulk-c', amount: 4 }];
      const partial = await post('rep', '/api/records/deal/bulk', { records: items, allOrNothing: false }).expect(200);
      expect(partial.body.results.map((r: { status: number }) => r.status)).toEqual([201, 403, 201]);
      expect(partial.body.results[1].errors[0].path).toBe(`/${HIDDEN}`);
      for (const r of [partial.body.results[0], partial.body.results[2]]) expect(r.record).toMatchObject({ ownerId: ids.rep });
      expectNoHidden(partial.body.results.filter((r: { status: number }) => r.status === 201));
      const all = await post('rep', '/api/records/deal/bulk', { records: items }).expect(403);
      expect(all.body.errors[0].path).toBe(`/records/1/${HIDDEN}`);
      const names = (await listAll('admin', { filter: JSON.stringify({ name: { $startsWith: 'bulk-' } }) })).map((r) => r.name).sort();
      expect(names).toEqual(['bulk-a', 'bulk-c']);
      expect(await listAll('peer', { filter: JSON.stringify({ name: { $startsWith: 'bulk-' } }) })).toEqual([]);
    });
  });

  describe('shares', () => {
    it('shares a subordinate\'s deal to read: the peer sees it, may not change it, and loses it when revoked', async () => {
      const id = seed.rep[3]!;
      await get('peer', `/api/records/deal/${id}`).expect(404);
      const { version } = (await stored(id))!;
      const share = await post('top', `/api/records/deal/${id}/shares`, { user: ids.peer, access: 'read' }).expect(201);
      expect(share.body).toMatchObject({ user: ids.peer, team: null, access: 'read', createdBy: ids.top });
      const seen = await get('peer', `/api/records/deal/${id}`).expect(200);
      expect(seen.body).not.toHaveProperty(HIDDEN);
      expect(idsOf(await listAll('peer'))).toContain(id);
      expect(idsOf(await listAll('peer'))).toEqual(await expectedIds('peer'));
      await get('peer', `/api/records/deal/${id}/history`).expect(200);
      // Visible, so not "missing": a read share lets them see it and nothing more.
      await patch('peer', `/api/records/deal/${id}`, { amount: 1 }).expect(403);
      await del('peer', `/api/records/deal/${id}`).expect(403);
      await post('peer', `/api/records/deal/${id}/shares`, { user: ids.hq, access: 'read' }).expect(403);
      expect(await stored(id)).toMatchObject({ version });
      const listed = await get('top', `/api/records/deal/${id}/shares`).expect(200);
      expect(listed.body.data).toEqual([share.body]);

      // A second grant to the same user changes its access: now the peer may edit, but still not the hidden field.
      const edit = await post('top', `/api/records/deal/${id}/shares`, { user: ids.peer, access: 'edit' }).expect(201);
      expect(edit.body).toMatchObject({ id: share.body.id, access: 'edit' });
      const changed = await patch('peer', `/api/records/deal/${id}`, { amount: 321 }).expect(200);
      expect(changed.body).toMatchObject({ amount: 321, ownerId: ids.rep });
      await patch('peer', `/api/records/deal/${id}`, { [HIDDEN]: 1 }).expect(403);
      // Editing is not deleting, nor handing over.
      await del('peer', `/api/records/deal/${id}`).expect(403);

      await del('top', `/api/records/deal/${id}/shares/${share.body.id}`).expect(204);
      await get('peer', `/api/records/deal/${id}`).expect(404);
      expect(idsOf(await listAll('peer'))).not.toContain(id);
      await patch('peer', `/api/records/deal/${id}`, { amount: 1 }).expect(404);
      await del('top', `/api/records/deal/${id}/shares/${share.body.id}`).expect(404);
    });

    it('shares with a department: its members and those of its sub-departments see the deal, others do not', async () => {
      const id = seed.rep[4]!;
      const share = await post('top', `/api/records/deal/${id}/shares`, { team: teams.east, access: 'read' }).expect(201);
      for (const who of ['mid', 'friend', 'viewer'] as const) await get(who, `/api/records/deal/${id}`).expect(200);
      for (const who of ['peer', 'hq'] as const) await get(who, `/api/records/deal/${id}`).expect(404);
      for (const who of ['mid', 'friend', 'peer', 'hq'] as const) expect(idsOf(await listAll(who))).toEqual(await expectedIds(who));
      expect(idsOf(await listAll('friend'))).toContain(id);
      await del('top', `/api/records/deal/${id}/shares/${share.body.id}`).expect(204);
      await get('friend', `/api/records/deal/${id}`).expect(404);
    });

    it('gives a shared-with user the deal in GET, list, count and history, and nothing of the owner\'s other deals', async () => {
      const id = seed.rep[2]!;
      const share = await post('top', `/api/records/deal/${id}/shares`, { user: ids.friend, access: 'read' }).expect(201);
      await get('friend', `/api/records/deal/${id}`).expect(200);
      const rows = await listAll('friend');
      expect(idsOf(rows)).toEqual(await expectedIds('friend'));
      expect(rows.filter((r) => r.ownerId !== ids.friend).map((r) => r.id)).toEqual([id]);
      expect((await get('friend', '/api/records/deal').query({ count: 'true' }).expect(200)).body.page.total).toBe(rows.length);
      await get('friend', `/api/records/deal/${seed.rep[0]}`).expect(404);
      await del('top', `/api/records/deal/${id}/shares/${share.body.id}`).expect(204);
    });

    it('refuses to share without the share permission (403), or a deal out of sight (404)', async () => {
      await post('rep', `/api/records/deal/${seed.rep[0]}/shares`, { user: ids.peer, access: 'read' }).expect(403);
      await post('peer', `/api/records/deal/${seed.rep[0]}/shares`, { user: ids.peer, access: 'read' }).expect(404);
      await get('peer', `/api/records/deal/${seed.rep[0]}/shares`).expect(404);
      await post('top', `/api/records/deal/${seed.peer[0]}/shares`, { user: ids.top, access: 'read' }).expect(404);
      const share = await post('top', `/api/records/deal/${seed.rep[0]}/shares`, { user: ids.hq, access: 'read' }).expect(201);
      await del('rep', `/api/records/deal/${seed.rep[0]}/shares/${share.body.id}`).expect(403);
      await del('hq', `/api/records/deal/${seed.rep[0]}/shares/${share.body.id}`).expect(403);
      await del('top', `/api/records/deal/${seed.rep[0]}/shares/${share.body.id}`).expect(204);
    });
  });

  describe('field rules', () => {
    it('answers 400 to filtering, sorting, selecting or expanding through the hidden field, for a rep only', async () => {
      const queries = [
        { filter: JSON.stringify({ [HIDDEN]: { $gt: 1 } }) },
        { filter: JSON.stringify({ $or: [{ name: 'x' }, { [HIDDEN]: null }] }) },
        { [`where[${HIDDEN}][$gt]`]: '1' },
        { filter: JSON.stringify({ [`parentDeal.${HIDDEN}`]: { $gt: 1 } }) },
        { sort: `-${HIDDEN}` },
        { sort: `name,${HIDDEN}` },
        { fields: `name,${HIDDEN}` },
      ];
      for (const query of queries) {
        const res = await get('rep', '/api/records/deal').query(query);
        expect([JSON.stringify(query), res.status]).toEqual([JSON.stringify(query), 400]);
        await get('top', '/api/records/deal').query(query).expect(200);
      }
    });

    it('leaves the hidden field out of a rule\'s error for those who may not read it', async () => {
      const id = await newDeal('rep', { name: 'capped' });
      await adminSet(id, { [HIDDEN]: 40 });
      const refused = await patch('rep', `/api/records/deal/${id}`, { stage: 'won' }).expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: '', code: 'rule:ceiling_cap' })]);
      expectNoHidden(refused.body);
      expect(await stored(id)).toMatchObject({ stage: 'new' });
      const admin = await patch('admin', `/api/records/deal/${id}`, { stage: 'won' }).expect(422);
      expect(admin.body.errors[0].path).toBe(`/${HIDDEN}`);
    });

    it('leaves the hidden field out of /api/meta, the form schema and the OpenAPI document of a rep', async () => {
      const meta = await get('rep', '/api/meta').expect(200);
      const dealMeta = meta.body.entities.find((e: { name: string }) => e.name === 'deal');
      expect(dealMeta.fields.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['name', 'amount', 'stage', 'account', 'parentDeal']));
      expectNoHidden(meta.body);
      expect(meta.body.entities.map((e: { name: string }) => e.name).sort()).toEqual(['account', 'deal']);
      for (const variant of ['create', 'update']) expectNoHidden((await get('rep', `/api/meta/entities/deal/form?variant=${variant}`).expect(200)).body);
      expectNoHidden((await get('rep', '/api/openapi.json').expect(200)).body);
      expect(JSON.stringify((await get('admin', '/api/meta').expect(200)).body)).toContain(HIDDEN);
      expect(JSON.stringify((await get('top', '/api/meta/entities/deal/form').expect(200)).body)).toContain(HIDDEN);
      expect(JSON.stringify((await get('admin', '/api/openapi.json').expect(200)).body)).toContain(HIDDEN);
      await get('rep', '/api/meta/entities/user/form').expect(404);
    });
  });

  describe('users and departments', () => {
    it('are the admin\'s: other roles get 404 on every path, unless a role grants read, and never write them', async () => {
      for (const who of ['rep', 'top', 'peer', 'friend'] as const) {
        for (const path of ['/api/records/user', '/api/records/team', `/api/records/user/${ids[who]}`, `/api/records/team/${teams.east}`, `/api/records/user/${ids[who]}/history`]) {
          await get(who, path).expect(404);
        }
        await post(who, '/api/records/user', { email: `x-${who}@example.com`, name: 'x' }).expect(404);
        await post(who, '/api/records/team', { name: 'x' }).expect(404);
        await patch(who, `/api/records/user/${ids[who]}`, { roles: ['admin'] }).expect(404);
        await patch(who, `/api/records/team/${teams.east}`, { name: 'x' }).expect(404);
        await del(who, `/api/records/team/${teams.west}`).expect(404);
      }
      // A directory role reads users and departments, and still writes none of them.
      const users = await get('clerk', '/api/records/user').query({ limit: '500' }).expect(200);
      expect(users.body.data.length).toBe(Object.keys(ids).length);
      expect(JSON.stringify(users.body)).not.toMatch(/password|argon2/i);
      await get('clerk', `/api/records/team/${teams.east}`).expect(200);
      await post('clerk', '/api/records/user', { email: 'y@example.com', name: 'y' }).expect(403);
      await post('clerk', '/api/records/team', { name: 'y' }).expect(403);
      await patch('clerk', `/api/records/user/${ids.clerk}`, { roles: ['admin'] }).expect(403);
      await patch('clerk', `/api/records/team/${teams.east}`, { name: 'y' }).expect(403);
      await del('clerk', `/api/records/user/${ids.rep}`).expect(403);
      await post('clerk', '/api/records/user/bulk', { records: [{ email: 'z@example.com', name: 'z' }] }).expect(403);
      await get('clerk', '/api/records/deal').expect(404);
      expect(await f.t.db.knex('tessera_user_roles').where('user_id', ids.clerk).pluck('role')).toEqual(['directory']);
      // The admin manages them.
      const dept = await post('admin', '/api/records/team', { name: 'Sales North', parent: teams.sales }).expect(201);
      await patch('admin', `/api/records/team/${dept.body.id}`, { name: 'Sales North 2' }).expect(200);
      await del('admin', `/api/records/team/${dept.body.id}`).expect(204);
    });
  });
});
