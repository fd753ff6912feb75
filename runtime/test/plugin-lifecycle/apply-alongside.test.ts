import { apply } from '../../src/migrator/apply';
import { readCatalog } from '../../src/migrator/catalog';
import { readHistory } from '../../src/migrator/history';
import { openTestDatabase, testEngines } from '../support/databases';
import { appOf, entity } from '../migrator/support';

const v1 = appOf(entity('note', { title: { type: 'text' } }));
const v2 = appOf(entity('note', { title: { type: 'text' }, words: { type: 'integer' } }));

describe.each(testEngines())('apply with work alongside (%s)', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    expect((await apply(t.db.knex, v1)).status).toBe('applied');
    await t.db.knex('note').insert([{ title: 'one two' }, { title: 'three' }]);
  });
  afterAll(() => t.close());

  it('rolls the steps and the history back when the work fails', async () => {
    await expect(apply(t.db.knex, v2, { alongside: async (trx) => { await trx.raw('update note set nope = 1'); } })).rejects.toThrow(/nope/);
    expect((await readCatalog(t.db.knex)).get('note')!.columns.has('words')).toBe(false);
    expect(await readHistory(t.db.knex)).toHaveLength(1);
  });

  it('runs after the steps, in their transaction, with the history id', async () => {
    let seen: number | undefined;
    const result = await apply(t.db.knex, v2, {
      alongside: async (trx, applied) => {
        seen = applied.historyId;
        await trx.raw(`update note set words = array_length(string_to_array(title, ' '), 1)`);
      },
    });
    expect(result).toMatchObject({ status: 'applied', historyId: seen });
    expect(await t.db.knex('note').orderBy('title').pluck('words')).toEqual([2, 1]);
  });
});
