import { ADMIN_ROLE, createAppModel, parseListQuery, permissionsFor, type AppModel } from '@tessera/core';
import type { EntityDefinition } from '@tessera/metadata';
import { apply } from '../../src/migrator/apply';
import { ensureHistoryTable } from '../../src/records/history';
import { listPage } from '../../src/records/list-page';
import { createRecord, type RecordContext } from '../../src/records/operations';
import { openTestDatabase, testEngines } from '../support/databases';

const group: EntityDefinition = { name: 'group', label: { en: 'Group' }, fields: { name: { type: 'text' } } };
const account: EntityDefinition = { name: 'account', label: { en: 'Account' }, fields: { name: { type: 'text' }, revenue: { type: 'currency' }, parent: { type: 'lookup', target: 'group' } } };
const deal: EntityDefinition = { name: 'deal', label: { en: 'Deal' }, fields: { name: { type: 'text' }, account: { type: 'lookup', target: 'account' } } };
const values = { now: new Date(), today: '2026-01-01' };

describe.each(testEngines())('expanding lookups in lists on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let app: AppModel;
  let ctx: RecordContext;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    app = createAppModel({ name: 'expand', entities: [group, account, deal].map((definition) => ({ definition, origin: 'test' })) });
    expect((await apply(t.db.knex, app)).status).toBe('applied');
    await ensureHistoryTable(t.db.knex);
    ctx = { db: t.db.knex, app, permissions: permissionsFor(app, [ADMIN_ROLE]), userId: null, locale: 'en', values };
    const g = await createRecord(ctx, app.entities.group!, { name: '糖酒集团' });
    const a = await createRecord(ctx, app.entities.account!, { name: 'Acme', revenue: 12.5, parent: g.id });
    for (let i = 0; i < 5; i++) await createRecord(ctx, app.entities.deal!, { name: `d${i}`, account: i < 4 ? a.id : null });
  });
  afterAll(() => t.close());

  const list = async (qs: string) => {
    const parsed = parseListQuery(app, 'deal', new URLSearchParams(qs));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const before = t.db.stats.statements;
    const page = await listPage(t.db.knex, app, parsed.query, { values });
    return { page, statements: t.db.stats.statements - before };
  };

  it('returns expanded lookups as objects, two levels deep, in one statement for the whole page', async () => {
    const { page, statements } = await list('expand=account,account.parent&sort=name&fields=name,account');
    expect(statements).toBe(1);
    expect(page.data).toHaveLength(5);
    expect(page.data[0]!.account).toMatchObject({ name: 'Acme', revenue: 12.5, parent: { name: '糖酒集团' } });
    expect(page.data[4]!.account).toBeNull();
  });

  it('keeps unexpanded lookups as ids, and counts with one more statement', async () => {
    const { page, statements } = await list('sort=name&count=true');
    expect(statements).toBe(2);
    expect(page.data[0]!.account).toMatch(/^[0-9a-f-]{36}$/);
  });
});
