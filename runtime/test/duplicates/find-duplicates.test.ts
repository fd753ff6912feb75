import type { EntityDefinition } from '@tessera/metadata';
import { findDuplicates, MAX_MATCHES } from '../../src/duplicates/find-duplicates';
import { apply } from '../../src/migrator/apply';
import { appOf, entity, insert } from '../migrator/support';
import { openTestDatabase, testEngines } from '../support/databases';

const app = appOf(entity('lead', {
  name: { type: 'text' }, email: { type: 'email' }, signedAt: { type: 'datetime' }, budget: { type: 'decimal', scale: 2 }, source: { type: 'picklist', options: ['web', 'fair'] },
}, {
  duplicateRules: [
    { name: 'same_email', fields: [{ field: 'email', match: 'normalized' }], action: 'block' },
    { name: 'same_deal', fields: [{ field: 'signedAt', match: 'exact' }, { field: 'budget', match: 'exact' }, { field: 'source', match: 'exact' }], action: 'warn' },
  ] satisfies EntityDefinition['duplicateRules'],
}));
const lead = app.entities.lead!;

describe.each(testEngines())('findDuplicates on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let ids: string[];
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    expect((await apply(t.db.knex, app)).status).toBe('applied');
    ids = await insert(t.db.knex, 'lead', [
      { name: 'a', email: 'Ann@Example.com', signed_at: '2026-03-01T08:00:00Z', budget: '1000.00', source: 'web' },
      { name: 'b', email: 'bob@example.com' },
      { name: 'c', email: 'ANN@example.com ' },
    ]);
  });
  afterAll(() => t.close());

  const find = (records: Record<string, unknown>[], exclude?: (string | undefined)[]) => findDuplicates(t.db.knex, app, lead, records, exclude);
  const shape = (found: Awaited<ReturnType<typeof find>>) => found.map((m) => m.map((d) => `${d.rule}:${d.action}:${[...d.ids].sort().join(',')}`));

  it('answers each record\'s matches with stored records, in order, comparing instants and numbers by value', async () => {
    const found = await find([
      { email: ' ann@EXAMPLE.com' },
      { email: 'nobody@example.com' },
      { signedAt: '2026-03-01T16:00:00+08:00', budget: 1000, source: 'web' },
      { signedAt: '2026-03-01T08:00:00Z', budget: '1000.5', source: 'web' },
      {},
    ]);
    expect(shape(found)).toEqual([[`same_email:block:${[ids[0], ids[2]].sort().join(',')}`], [], [`same_deal:warn:${ids[0]}`], [], []]);
    expect(found[0]![0]!.fields).toEqual(['email']);
  });

  it('leaves out, for each record, the ids it is told to (its own on update), and never matches records of the batch with each other', async () => {
    const found = await find([{ email: 'ann@example.com' }, { email: 'bob@example.com' }, { email: 'new@example.com' }, { email: 'new@example.com' }], [ids[0], ids[1]]);
    expect(shape(found)).toEqual([[`same_email:block:${ids[2]}`], [], [], []]);
  });

  it('reports at most MAX_MATCHES ids a record and rule', async () => {
    await insert(t.db.knex, 'lead', Array.from({ length: MAX_MATCHES + 5 }, (_v, i) => ({ name: `x${i}`, email: 'same@example.com' })));
    const [[match]] = await find([{ email: 'SAME@example.com' }]) as [[{ ids: string[] }]];
    expect(match.ids).toHaveLength(MAX_MATCHES);
  });
});
