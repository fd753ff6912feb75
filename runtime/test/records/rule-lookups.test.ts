import { ADMIN_ROLE, createAppModel, permissionsFor, type AppModel } from '@tessera/core';
import type { EntityDefinition } from '@tessera/metadata';
import { apply } from '../../src/migrator/apply';
import { ensureHistoryTable } from '../../src/records/history';
import { createRecord, updateRecord, type RecordContext } from '../../src/records/operations';
import { RecordError } from '../../src/records/record-error';
import { openTestDatabase, testEngines } from '../support/databases';

const region: EntityDefinition = { name: 'region', label: { en: 'Region' }, fields: { name: { type: 'text' }, embargoed: { type: 'boolean', default: false } } };
const account: EntityDefinition = {
  name: 'account', label: { en: 'Account' },
  fields: { name: { type: 'text' }, tier: { type: 'picklist', options: ['basic', 'gold'] }, region: { type: 'lookup', target: 'region' } },
};
const deal: EntityDefinition = {
  name: 'deal', label: { en: 'Deal' },
  fields: { name: { type: 'text' }, discount: { type: 'percent' }, account: { type: 'lookup', target: 'account' } },
  rules: [
    { name: 'basic_discount', when: { 'account.tier': 'basic', discount: { $gt: 10 } }, field: 'discount', message: { en: 'Basic accounts get at most 10%', 'zh-CN': '基础客户折扣不超过 10%' } },
    { name: 'embargo', when: { 'account.region.embargoed': true }, field: 'account', message: { en: 'No deals in an embargoed region', 'zh-CN': '禁运地区不可成交' } },
  ],
};

const ruleCodes = async (p: Promise<unknown>): Promise<string[]> => {
  try {
    await p;
    return [];
  } catch (e) {
    if (!(e instanceof RecordError) || e.kind !== 'rule') throw e;
    return e.errors.map((x) => `${x.path} ${x.code}`);
  }
};

describe.each(testEngines())('rules that read through lookups, on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let app: AppModel;
  let ctx: RecordContext;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    app = createAppModel({ name: 'rules', entities: [region, account, deal].map((definition) => ({ definition, origin: 'test' })) });
    expect((await apply(t.db.knex, app)).status).toBe('applied');
    await ensureHistoryTable(t.db.knex);
    ctx = { db: t.db.knex, app, permissions: permissionsFor(app, [ADMIN_ROLE]), userId: null, locale: 'en', values: { now: new Date(), today: '2026-01-01' } };
    ids.open = (await createRecord(ctx, app.entities.region!, { name: 'Open' })).id as string;
    ids.closed = (await createRecord(ctx, app.entities.region!, { name: 'Closed', embargoed: true })).id as string;
    ids.basic = (await createRecord(ctx, app.entities.account!, { name: 'Basic', tier: 'basic', region: ids.open })).id as string;
    ids.gold = (await createRecord(ctx, app.entities.account!, { name: 'Gold', tier: 'gold', region: ids.open })).id as string;
    ids.banned = (await createRecord(ctx, app.entities.account!, { name: 'Banned', tier: 'gold', region: ids.closed })).id as string;
  });
  afterAll(() => t.close());

  it('applies a rule on a field of the looked-up record, in the language asked', async () => {
    expect(await ruleCodes(createRecord(ctx, app.entities.deal!, { name: 'A', discount: 20, account: ids.basic }))).toEqual(['/discount rule:basic_discount']);
    expect(await ruleCodes(createRecord(ctx, app.entities.deal!, { name: 'B', discount: 20, account: ids.gold }))).toEqual([]);
    expect(await ruleCodes(createRecord(ctx, app.entities.deal!, { name: 'C', discount: 5, account: ids.basic }))).toEqual([]);
    const zh = await createRecord({ ...ctx, locale: 'zh-CN' }, app.entities.deal!, { discount: 30, account: ids.basic }).catch((e: RecordError) => e.errors[0]!.message);
    expect(zh).toBe('基础客户折扣不超过 10%');
  });

  it('follows two lookups, and treats an empty lookup as null', async () => {
    expect(await ruleCodes(createRecord(ctx, app.entities.deal!, { name: 'D', account: ids.banned }))).toEqual(['/account rule:embargo']);
    expect(await ruleCodes(createRecord(ctx, app.entities.deal!, { name: 'E', discount: 50 }))).toEqual([]);
  });

  it('checks the merged record of an update against the lookup it now points to', async () => {
    const d = await createRecord(ctx, app.entities.deal!, { name: 'F', discount: 20, account: ids.gold });
    expect(await ruleCodes(updateRecord(ctx, app.entities.deal!, d.id as string, { account: ids.basic }))).toEqual(['/discount rule:basic_discount']);
    await t.db.knex('account').where({ id: ids.gold }).update({ tier: 'basic' });
    expect(await ruleCodes(updateRecord(ctx, app.entities.deal!, d.id as string, { name: 'F2' }))).toEqual(['/discount rule:basic_discount']);
    await t.db.knex('account').where({ id: ids.gold }).update({ tier: 'gold' });
  });

  it('reads each looked-up record once, and nothing for rules that stay on the record', async () => {
    const before = t.db.stats.statements;
    await createRecord(ctx, app.entities.deal!, { name: 'G', discount: 5, account: ids.gold });
    // account, then its region (a second pass), then the insert.
    expect(t.db.stats.statements - before).toBe(3);
    const again = t.db.stats.statements;
    await createRecord(ctx, app.entities.account!, { name: 'H', tier: 'basic' });
    expect(t.db.stats.statements - again).toBe(1);
  });
});
