import { createAppModel, renderIssue, type AppModel } from '@tessera/core';
import request from 'supertest';
import { apply } from '../../src/migrator/apply';
import { openHttpFixture, type HttpFixture } from '../http/support';
import { testEngines } from '../support/databases';
import { declaredEntities, loadCrmApp, pluginDirs } from './crm-app';
import { i18nMisses } from './i18n-misses';
import { SampleRecords } from './sample-records';
import { createSchema, fieldToUpdate, otherValue, sameValue } from './sample-values';

/**
 * Every plugin under plugins/, loaded as one app: it loads with no issue, carries every text in English and
 * Simplified Chinese, migrates onto an empty database, and each of its entities answers create, read, list, update
 * and delete through the REST API. Plugins added later are covered without changing this file.
 */
const PLUGINS = pluginDirs();
const ENTITIES = declaredEntities(PLUGINS);
const PASSWORD = 'crm-pa55-word!';

let app: AppModel;
beforeAll(async () => {
  const loaded = await loadCrmApp(PLUGINS);
  if (!loaded.ok) throw new Error(`the CRM plugins do not load:\n${loaded.issues.map((i) => renderIssue(i, 'en')).join('\n')}`);
  app = loaded.app;
});

describe('the CRM plugins', () => {
  it('are found, the CRM core and sales among them', () => {
    expect(PLUGINS.map((p) => p.split(/[\\/]/).at(-1))).toEqual(expect.arrayContaining(['crm-core', 'crm-sales']));
    expect(ENTITIES).toEqual(expect.arrayContaining(['account', 'contact', 'activity', 'note', 'salesStage', 'opportunity', 'quote', 'order']));
  });

  it('load as one app, with every entity they declare', () => {
    expect(app.layers.filter((l) => l.kind === 'plugin').map((l) => l.dir.split('/').at(-1)).sort())
      .toEqual(PLUGINS.map((p) => p.split(/[\\/]/).at(-1)).sort());
    expect(Object.keys(app.entities)).toEqual(expect.arrayContaining(ENTITIES));
  });

  it('are checked for texts that lack a language by a check that names each one', () => {
    const thing = { name: 'thing', label: { en: 'Thing' }, fields: { kind: { type: 'picklist' as const, options: ['a', { value: 'b', label: { en: 'B', 'zh-CN': '乙' } }] } } };
    const model = createAppModel({ name: 'lacking', entities: [{ definition: thing, origin: 'lacking' }], roles: [{ name: 'clerk', label: { en: 'Clerk', 'zh-CN': '文员' } }] });
    expect(i18nMisses(model)).toEqual([
      'entity thing label: no zh-CN', 'entity thing pluralLabel: no en, zh-CN',
      'entity thing field kind label: no en, zh-CN', 'entity thing field kind option a label: no en, zh-CN',
    ]);
  });

  it('say everything in English and Simplified Chinese', () => {
    const misses = i18nMisses(app);
    if (misses.length) throw new Error(`${misses.length} texts lack a language:\n${misses.join('\n')}`);
  });
});

describe.each(testEngines())('the CRM plugins on %s', (engine) => {
  let f: HttpFixture;
  let records: SampleRecords;

  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    const userId = await f.addUser({ email: 'admin@example.com', password: PASSWORD, roles: ['admin'] });
    const server = f.server();
    const login = await request(server).post('/api/auth/login').send({ email: 'admin@example.com', password: PASSWORD }).expect(200);
    records = new SampleRecords(app, server, login.body.token as string, userId);
  });
  afterAll(() => f?.t.close());

  it('migrate to a table per entity, and a second migration finds nothing to do', async () => {
    const tables = (await f.t.db.knex('information_schema.tables').where({ table_schema: f.t.db.knex.raw('current_schema()') }).pluck('table_name')) as string[];
    expect(tables).toEqual(expect.arrayContaining(ENTITIES.map((e) => app.entities[e]!.table)));
    expect((await apply(f.t.db.knex, app)).status).toBe('unchanged');
  });

  it.each(ENTITIES)('%s: create, read, list, update and delete', async (entity) => {
    const base = `/api/records/${entity}`;
    const { sent, record } = await records.create(entity);
    const id = record.id as string;
    for (const [name, value] of Object.entries(sent)) {
      if (!sameValue(value, record[name])) throw new Error(`${entity}.${name}: sent ${JSON.stringify(value)}, created ${JSON.stringify(record[name])}`);
    }

    const read = await records.call('get', `${base}/${id}`).expect(200);
    expect(read.body).toEqual(record);

    const list = await records.call('get', base).query({ filter: JSON.stringify({ id }), count: 'true' }).expect(200);
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(list.body.page.total).toBe(1);

    const field = fieldToUpdate(app, app.entities[entity]!);
    if (field) {
      const value = otherValue(createSchema(app, entity).properties[field.name]!, field, record[field.name], 7);
      const updated = await records.call('patch', `${base}/${id}`).set('If-Match', read.headers.etag!).send({ [field.name]: value });
      if (updated.status !== 200) throw new Error(`PATCH ${entity}.${field.name} = ${JSON.stringify(value)} answered ${updated.status} ${JSON.stringify(updated.body)}`);
      expect(sameValue(value, updated.body[field.name])).toBe(true);
      expect(updated.body.version).toBe((record.version as number) + 1);
    }

    await records.call('delete', `${base}/${id}`).expect(204);
    await records.call('get', `${base}/${id}`).expect(404);
  });
});
