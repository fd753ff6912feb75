import { apply } from '../../src/migrator/apply';
import { listArchives } from '../../src/migrator/archive';
import { readCatalog } from '../../src/migrator/catalog';
import { plan } from '../../src/migrator/plan';
import { restoreArchive } from '../../src/migrator/restore';
import { openTestDatabase, testEngines } from '../support/databases';
import { appOf, columnsOf, entity, insert } from './support';

const note = entity('note', { title: { type: 'text' }, body: { type: 'longText' } });
const tag = entity('tag', { label: { type: 'text', required: true } });
const v1 = appOf(note, tag);
const v2 = appOf(entity('note', { title: { type: 'text' } }));

describe.each(testEngines())('dropping, archiving and restoring on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let tags: string[];
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    expect((await apply(t.db.knex, v1)).status).toBe('applied');
    await insert(t.db.knex, 'note', [{ title: 'a', body: 'first' }, { title: 'b', body: 'second' }, { title: 'c', body: null }]);
    tags = await insert(t.db.knex, 'tag', [{ label: 'red' }, { label: 'green' }]);
    // Tables and columns Tessera did not create are never dropped.
    await t.db.knex.raw('create table legacy (id int); alter table note add column extra text');
  });
  afterAll(() => t.close());

  it('plans drops of what a previous migration created as destructive, never touching the rest', async () => {
    const p = await plan(t.db.knex, v2);
    expect(p.steps.map((s) => [s.kind, s.safety, s.table, s.column])).toEqual([
      ['dropColumn', 'destructive', 'note', 'body'],
      ['dropTable', 'destructive', 'tag', undefined],
    ]);
    expect(p.steps[0]!.description.en).toBe('Drop column note.body, archiving its 2 values first');
    expect(p.steps[1]!.description['zh-CN']).toBe('删除表 tag，先归档其 2 行数据');
    expect(await apply(t.db.knex, v2)).toMatchObject({ status: 'refused', reason: 'destructive' });
    expect((await readCatalog(t.db.knex)).has('tag')).toBe(true);
  });

  it('archives the data, then drops, with --allow-destructive', async () => {
    expect((await apply(t.db.knex, v2, { allowDestructive: true })).status).toBe('applied');
    const catalog = await readCatalog(t.db.knex);
    expect(catalog.has('tag')).toBe(false);
    expect(catalog.has('legacy')).toBe(true);
    expect(Object.keys(await columnsOf(t.db.knex, 'note'))).toEqual(expect.arrayContaining(['title', 'extra']));
    expect(Object.keys(await columnsOf(t.db.knex, 'note'))).not.toContain('body');
    const archives = await listArchives(t.db.knex);
    expect(archives.map((a) => [a.sourceTable, a.sourceColumn, a.stepKind, a.rows])).toEqual([
      ['tag', undefined, 'dropTable', 2],
      ['note', 'body', 'dropColumn', 2],
    ]);
    expect(await t.db.knex(archives[0]!.archiveTable).orderBy('label').pluck('label')).toEqual(['green', 'red']);
    expect((await plan(t.db.knex, v2)).steps).toEqual([]);
  });

  it('restores a column archive once the field is back', async () => {
    const [, column] = await listArchives(t.db.knex);
    await expect(restoreArchive(t.db.knex, column!.id)).rejects.toThrow(/column note\.body does not exist: add its field back/);
    expect((await apply(t.db.knex, appOf(note))).status).toBe('applied');
    expect(await restoreArchive(t.db.knex, column!.id)).toEqual({ rows: 2 });
    expect(await t.db.knex('note').orderBy('title').pluck('body')).toEqual(['first', 'second', null]);
  });

  it('restores a table archive once the entity is back, with the same ids, and only once', async () => {
    const [table] = await listArchives(t.db.knex);
    await expect(restoreArchive(t.db.knex, table!.id)).rejects.toThrow(/table tag does not exist/);
    expect((await apply(t.db.knex, v1)).status).toBe('applied');
    expect(await restoreArchive(t.db.knex, table!.id)).toEqual({ rows: 2 });
    expect((await t.db.knex('tag').orderBy('id').pluck('id')).sort()).toEqual([...tags].sort());
    await expect(restoreArchive(t.db.knex, table!.id)).rejects.toThrow(/already restored/);
    await expect(restoreArchive(t.db.knex, 999)).rejects.toThrow(/no archive 999/);
  });

  it('renames a table (renamedFrom on the entity), keeping its rows and re-creating its indexes under the new name', async () => {
    const v3 = appOf(entity('memo', { title: { type: 'text' }, body: { type: 'longText' } }, { renamedFrom: 'note' }), tag);
    const p = await plan(t.db.knex, v3);
    expect(p.steps[0]).toMatchObject({ kind: 'renameTable', table: 'memo', safety: 'safe', impact: { rows: 3 } });
    expect(p.steps.every((s) => s.safety === 'safe')).toBe(true);
    expect((await apply(t.db.knex, v3)).status).toBe('applied');
    expect(await t.db.knex('memo').orderBy('title').pluck('body')).toEqual(['first', 'second', null]);
    expect((await readCatalog(t.db.knex)).get('memo')!.indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['memo_created_by_idx']));
    expect((await plan(t.db.knex, v3)).steps).toEqual([]);
  });
});
