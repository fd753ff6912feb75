import { ADMIN_ROLE, createAppModel, permissionsFor, type AppModel, type EntityModel } from '@tessera/core';
import type { EntityDefinition } from '@tessera/metadata';
import { apply } from '../../src/migrator/apply';
import { ensureHistoryTable, readRecordHistory } from '../../src/records/history';
import { createRecord, deleteRecord, getRecord, updateRecord, type RecordContext } from '../../src/records/operations';
import { RecordError } from '../../src/records/record-error';
import { openTestDatabase, testEngines } from '../support/databases';

const deal: EntityDefinition = {
  name: 'deal', label: { en: 'Deal' },
  fields: {
    name: { type: 'text', required: true, maxLength: 20 },
    code: { type: 'text', unique: true },
    amount: { type: 'currency', min: 0 },
    probability: { type: 'percent', default: 10 },
    // Required, with a default: a create may leave it out, as the form fills it in; it may not send it empty.
    stage: { type: 'picklist', options: ['new', 'won'], default: 'new', required: true },
    tags: { type: 'multiPicklist', options: ['a', 'b'] },
    extra: { type: 'json' },
    expected: { type: 'formula', expression: 'amount * probability / 100', resultType: 'currency' },
  },
  rules: [{ name: 'won_needs_amount', when: { stage: 'won', amount: { $lte: 0 } }, field: 'amount', message: { en: 'A won deal needs an amount', 'zh-CN': '赢单必须填写金额' } }],
};
const values = { now: new Date(), today: '2026-01-01' };

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof RecordError) return { kind: e.kind, errors: e.errors.map((x) => [x.path, x.code]), messages: e.errors.map((x) => x.message) };
    throw e;
  }
  throw new Error('expected a RecordError');
};

describe.each(testEngines())('record operations on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let app: AppModel;
  let entity: EntityModel;
  let ctx: RecordContext;
  const userId = '00000000-0000-4000-8000-000000000001';
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    app = createAppModel({ name: 'ops', entities: [{ definition: deal, origin: 'test' }] });
    entity = app.entities.deal!;
    expect((await apply(t.db.knex, app)).status).toBe('applied');
    await ensureHistoryTable(t.db.knex);
    await t.db.knex.raw(`insert into "user" (id, email, name) values (?, 'a@example.com', 'A')`, [userId]);
    ctx = { db: t.db.knex, app, permissions: permissionsFor(app, [ADMIN_ROLE]), userId, locale: 'en', values };
  });
  afterAll(() => t.close());

  it('creates a record with system fields, defaults, numbers as numbers and its formula, and audits it', async () => {
    const r = await createRecord(ctx, entity, { name: 'Acme', amount: 1200.5, tags: ['a', 'b'], extra: [1, { x: '糖酒' }] });
    expect(r).toMatchObject({ version: 1, name: 'Acme', amount: 1200.5, probability: 10, stage: 'new', tags: ['a', 'b'], extra: [1, { x: '糖酒' }], expected: 120.05, ownerId: userId, createdBy: userId });
    expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await getRecord(ctx, entity, r.id as string)).toEqual(r);
    const history = await readRecordHistory(t.db.knex, entity, r.id as string);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'create', userId, changes: { name: { old: null, new: 'Acme' }, amount: { old: null, new: 1200.5 } } });
  });

  it.each([
    [{ amount: 5 }, [['/name', 'required']]],
    [{ name: 'x'.repeat(21) }, [['/name', 'maxLength']]],
    [{ name: 'A', bogus: 1 }, [['/bogus', 'additionalProperties']]],
    [{ name: 'A', id: '00000000-0000-4000-8000-000000000009' }, [['/id', 'readOnly']]],
    [{ name: 'A', expected: 5 }, [['/expected', 'readOnly']]],
    [{ name: 'A', amount: '12' }, [['/amount', 'type']]],
    [{ name: 'A', amount: -1 }, [['/amount', 'minimum']]],
    [{ name: 'A', stage: 'lost' }, [['/stage', 'enum']]],
    [{ name: 'A', stage: null }, [['/stage', 'type']]],
  ])('refuses the body %j with field errors', async (body, errors) => {
    const f = await failure(createRecord(ctx, entity, body));
    expect(f.kind).toBe('invalid');
    expect(f.errors).toEqual(expect.arrayContaining(errors));
  });

  it('refuses a body smuggling __proto__, as JSON.parse leaves it: an own, unknown property', async () => {
    const f = await failure(createRecord(ctx, entity, JSON.parse('{"name":"A","__proto__":{"admin":true}}')));
    expect(f).toMatchObject({ kind: 'invalid', errors: [['/__proto__', 'additionalProperties']] });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('answers a rule violation with the rule, its field and its message in the language asked', async () => {
    const f = await failure(createRecord({ ...ctx, locale: 'zh-CN' }, entity, { name: 'Won', stage: 'won', amount: 0 }));
    expect(f).toEqual({ kind: 'rule', errors: [['/amount', 'rule:won_needs_amount']], messages: ['赢单必须填写金额'] });
  });

  it('updates from a partial body, checks rules on the merged record, and audits only what changed', async () => {
    const r = await createRecord(ctx, entity, { name: 'Beta', amount: 0 });
    expect((await failure(updateRecord(ctx, entity, r.id as string, { stage: 'won' }, 1))).kind).toBe('rule');
    const u = await updateRecord(ctx, entity, r.id as string, { amount: 50, stage: 'won' }, 1);
    expect(u).toMatchObject({ version: 2, name: 'Beta', amount: 50, stage: 'won', expected: 5 });
    const [latest] = await readRecordHistory(t.db.knex, entity, r.id as string);
    expect(Object.keys(latest!.changes).sort()).toEqual(['amount', 'expected', 'stage']);
  });

  it('reads, creates, updates and deletes with one statement each (an update reads first: two)', async () => {
    const counted = async <T>(work: () => Promise<T>): Promise<number> => {
      const before = t.db.stats.statements;
      await work();
      return t.db.stats.statements - before;
    };
    let r: Record<string, unknown> = {};
    expect(await counted(async () => (r = await createRecord(ctx, entity, { name: 'Counted' })))).toBe(1);
    expect(await counted(() => getRecord(ctx, entity, r.id as string))).toBe(1);
    expect(await counted(() => updateRecord(ctx, entity, r.id as string, { name: 'Counted 2' }, 1))).toBe(2);
    expect(await counted(() => deleteRecord(ctx, entity, r.id as string, 2))).toBe(1);
    expect((await readRecordHistory(t.db.knex, entity, r.id as string)).map((h) => h.action)).toEqual(['delete', 'update', 'create']);
  });

  it('retries an update without a version when another write moved the record under it', async () => {
    const r = await createRecord(ctx, entity, { name: 'Race' });
    const original = t.db.knex.client.acquireConnection.bind(t.db.knex.client);
    let acquired = 0;
    // Between the update's read (the first connection it takes) and its write (the second), another writer commits.
    jest.spyOn(t.db.knex.client, 'acquireConnection').mockImplementation(async () => {
      const c = await original();
      if (++acquired === 2) {
        await c.query(`update deal set version = version + 1, name = 'Other' where id = '${r.id as string}'`);
      }
      return c;
    });
    try {
      const u = await updateRecord(ctx, entity, r.id as string, { amount: 7 });
      expect(u).toMatchObject({ name: 'Other', amount: 7, version: 3 });
      expect(acquired).toBe(4);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('refuses a stale version and changes nothing', async () => {
    const r = await createRecord(ctx, entity, { name: 'Gamma' });
    expect((await failure(updateRecord(ctx, entity, r.id as string, { name: 'New' }, 7))).kind).toBe('stale');
    expect((await failure(deleteRecord(ctx, entity, r.id as string, 7))).kind).toBe('stale');
    expect(await getRecord(ctx, entity, r.id as string)).toEqual(r);
    expect(await readRecordHistory(t.db.knex, entity, r.id as string)).toHaveLength(1);
  });

  it('deletes with history, and treats unknown or malformed ids as not found', async () => {
    const r = await createRecord(ctx, entity, { name: 'Delta' });
    await deleteRecord(ctx, entity, r.id as string, 1);
    expect((await failure(getRecord(ctx, entity, r.id as string))).kind).toBe('notFound');
    expect((await readRecordHistory(t.db.knex, entity, r.id as string))[0]).toMatchObject({ action: 'delete', changes: { name: { old: 'Delta', new: null } } });
    for (const id of ['abc', "1' or '1'='1", '00000000-0000-4000-8000-00000000000x']) expect((await failure(getRecord(ctx, entity, id))).kind).toBe('notFound');
  });

  it('rolls the whole write back when the database refuses it', async () => {
    await createRecord(ctx, entity, { name: 'One', code: 'DUP' });
    const before = (await t.db.knex.raw('select count(*)::int as n from tessera_history')).rows[0].n;
    await expect(createRecord(ctx, entity, { name: 'Two', code: 'DUP' })).rejects.toMatchObject({ code: '23505' });
    expect((await t.db.knex.raw('select count(*)::int as n from tessera_history')).rows[0].n).toBe(before);
    expect((await t.db.knex.raw(`select count(*)::int as n from deal where name = 'Two'`)).rows[0].n).toBe(0);
  });
});
