import { randomUUID } from 'node:crypto';
import { createAppModel, parseListQuery, type AppModel } from '@tessera/core';
import type { EntityDefinition } from '@tessera/metadata';
import fc from 'fast-check';
import { apply } from '../../src/migrator/apply';
import { listPage } from '../../src/records/list-page';
import { openTestDatabase, testEngines } from '../support/databases';

const deal: EntityDefinition = {
  name: 'deal', label: { en: 'Deal' },
  fields: {
    name: { type: 'text' },
    amount: { type: 'currency' },
    stage: { type: 'picklist', options: ['new', 'won', 'lost'] },
    closeDate: { type: 'date' },
    hot: { type: 'boolean' },
    expected: { type: 'formula', expression: 'amount * 2', resultType: 'currency' },
  },
};
const SORTABLE = ['name', 'amount', 'stage', 'closeDate', 'hot', 'expected', 'createdAt'];
const values = { now: new Date('2026-01-01T00:00:00Z'), today: '2026-01-01' };

describe.each(testEngines())('keyset paging on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let app: AppModel;
  const ROWS = 60;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    app = createAppModel({ name: 'keyset', entities: [{ definition: deal, origin: 'test' }] });
    expect((await apply(t.db.knex, app)).status).toBe('applied');
    const pick = <T>(i: number, xs: T[]) => xs[i % xs.length]!;
    const rows = Array.from({ length: ROWS }, (_v, i) => ({
      id: randomUUID(),
      name: pick(i, ['Acme', 'acme', '糖酒', null, '', 'Zeta', 'Acme']),
      amount: pick(i * 7, [null, '10.00', '10.00', '-3.50', '1000000.00']),
      stage: pick(i * 3, ['won', 'new', null, 'lost', 'zzz']),
      close_date: pick(i * 5, ['2024-01-01', null, '2023-12-31', '2024-01-01']),
      hot: pick(i * 11, [true, false, null]),
      created_at: new Date(Date.UTC(2025, 0, 1 + (i % 9))),
    }));
    await t.db.knex('deal').insert(rows);
  });
  afterAll(() => t.close());

  const list = (qs: string) => {
    const parsed = parseListQuery(app, 'deal', new URLSearchParams(qs));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return listPage(t.db.knex, app, parsed.query, { values });
  };

  it('walks every row exactly once, in the one-shot order, for random sorts and page sizes', async () => {
    await fc.assert(fc.asyncProperty(
      fc.uniqueArray(fc.constantFrom(...SORTABLE), { maxLength: 3 }),
      fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      fc.integer({ min: 1, max: 9 }),
      async (fields, descending, limit) => {
        const sort = fields.map((f, i) => (descending[i] ? `-${f}` : f)).join(',');
        const base = `${sort ? `sort=${sort}&` : ''}fields=name`;
        const all = await list(`${base}&limit=500&count=true`);
        const walked: unknown[] = [];
        let cursor: string | null = null;
        do {
          const page = await list(`${base}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
          walked.push(...page.data.map((r) => r.id));
          expect(page.data.length).toBeLessThanOrEqual(limit);
          cursor = page.page.next;
        } while (cursor);
        expect(walked).toEqual(all.data.map((r) => r.id));
        expect(all.page.total).toBe(ROWS);
      },
    ), { numRuns: 40 });
  });

  it('returns the requested fields under their names, and filters and counts together', async () => {
    const page = await list(`fields=name,amount&sort=amount,name&count=true&filter=${encodeURIComponent('{"amount":{"$gt":0}}')}`);
    expect(Object.keys(page.data[0]!).sort()).toEqual(['amount', 'id', 'name', 'version']);
    expect(page.data.every((r) => Number(r.amount) > 0)).toBe(true);
    expect(page.page.total).toBe(page.data.length);
    expect(page.page.next).toBeNull();
  });

  it('orders picklists by option order, then values outside the options and empty ones (ranked alike)', async () => {
    const page = await list('sort=stage&fields=stage&limit=500');
    const stages = page.data.map((r) => r.stage);
    const firstOther = stages.findIndex((s) => s === 'zzz' || s === null);
    expect([...new Set(stages.slice(0, firstOther))]).toEqual(['new', 'won', 'lost']);
    expect(new Set(stages.slice(firstOther))).toEqual(new Set(['zzz', null]));
  });
});
