import { createAppModel } from '../model/create-app-model';
import { buildOpenApi } from './build-openapi';
import type { Operation, Parameter } from './types';

const app = createAppModel({
  name: 'crm',
  entities: [
    { origin: 'crm', definition: {
      name: 'account', label: { en: 'Account', 'zh-CN': '客户' }, pluralLabel: { en: 'Accounts', 'zh-CN': '客户' }, fields: { name: { type: 'text' } },
      duplicateRules: [{ name: 'same_name', fields: [{ field: 'name', match: 'normalized' }], action: 'warn' }],
    } },
    { origin: 'crm', definition: { name: 'note', label: { en: 'Note', 'zh-CN': '备注' }, fields: { text: { type: 'text' } } } },
  ],
});
const en = buildOpenApi(app, { locale: 'en' });
const zh = buildOpenApi(app, { locale: 'zh-CN' });
const names = (op: Operation | undefined) => (op?.parameters ?? []).map((p) => ('$ref' in p ? p.$ref.split('/').pop() : (p as Parameter).name));

describe('duplicate paths', () => {
  it('documents the duplicates of entities with rules, and merges of every entity but users and departments', () => {
    expect(Object.keys(en.paths).filter((p) => /\/(duplicates|merge)$/.test(p))).toEqual([
      '/api/records/account/{id}/duplicates', '/api/records/account/{id}/merge', '/api/records/note/{id}/merge',
    ]);
    expect(en.paths['/api/records/account/{id}/duplicates']!.get!.responses[200]).toEqual({ description: 'The matches, per rule.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Duplicates' } } } });
    const merge = en.paths['/api/records/account/{id}/merge']!.post!;
    expect(merge.requestBody!.content['application/json']!.schema).toMatchObject({ required: ['from'], properties: { values: { $ref: '#/components/schemas/account.update' } } });
    expect(Object.keys(merge.responses)).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '422']);
  });

  it('lets writes of an entity with rules allow duplicates', () => {
    expect(names(en.paths['/api/records/account']!.post)).toEqual(['acceptLanguage', 'allowDuplicates']);
    expect(names(en.paths['/api/records/account/{id}']!.patch)).toEqual(['recordId', 'ifMatch', 'acceptLanguage', 'allowDuplicates']);
    expect(names(en.paths['/api/records/account/bulk']!.post)).toEqual(['acceptLanguage', 'allowDuplicates']);
    expect(names(en.paths['/api/records/note']!.post)).toEqual(['acceptLanguage']);
  });

  it('speaks English and Chinese', () => {
    const get = (doc: typeof en) => doc.paths['/api/records/account/{id}/duplicates']!.get!;
    expect([get(en).summary, get(zh).summary]).toEqual(['Possible duplicates of Account', '客户的疑似重复记录']);
    expect(zh.paths['/api/records/note/{id}/merge']!.post!.summary).toBe('将其他备注合并到此备注');
    expect(zh.paths['/api/records/account/{id}/merge']!.post!.description).toContain('一个事务');
    expect((zh.paths['/api/records/account']!.post!.parameters!.at(-1) as Parameter).description).toContain('提醒');
    expect(en.components.schemas.DuplicateError).toMatchObject({ required: ['path', 'code', 'message', 'rule', 'fields', 'records'] });
  });
});
