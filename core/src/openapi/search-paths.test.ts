import { spawnSync } from 'node:child_process';
import { createAppModel } from '../model/create-app-model';
import { buildOpenApi } from './build-openapi';
import type { Parameter } from './types';

const app = createAppModel({
  name: 'search-doc', entities: [
    { origin: 'test', definition: { name: 'account', label: { en: 'Account', 'zh-CN': '客户' }, fields: { name: { type: 'text', searchable: true } } } },
    { origin: 'test', definition: { name: 'deal', label: { en: 'Deal', 'zh-CN': '商机' }, fields: { name: { type: 'text' } } } },
  ],
});

// The validator is ESM-only, as in build-openapi.test.ts: it runs in a child Node.
const VALIDATE = `import { Validator } from '@seriousme/openapi-schema-validator';
let text = ''; for await (const chunk of process.stdin) text += chunk;
process.stdout.write(JSON.stringify(await new Validator().validate(JSON.parse(text))));`;

describe('the search path of the OpenAPI document', () => {
  const en = buildOpenApi(app, { locale: 'en' });
  const zh = buildOpenApi(app, { locale: 'zh-CN' });
  const op = en.paths['/api/search']!.get!;

  it('takes q, entities and limit, naming the searchable entities, and answers hits or problems', () => {
    expect(op.operationId).toBe('search.search');
    const params = op.parameters as Parameter[];
    expect(params.map((p) => [p.name, p.required ?? false])).toEqual([['q', true], ['entities', false], ['limit', false]]);
    expect(params[1]!.description).toContain(': account.');
    expect(Object.keys(op.responses)).toEqual(['200', '400', '401']);
  });

  it('has its summary and tag in each language', () => {
    expect([op.summary, op.tags]).toEqual(['Search records across entities', ['Search']]);
    const chinese = zh.paths['/api/search']!.get!;
    expect([chinese.summary, chinese.tags]).toEqual(['跨实体搜索记录', ['搜索']]);
  });

  it('keeps the document valid OpenAPI 3.1', () => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', VALIDATE], { input: JSON.stringify(en), encoding: 'utf8' });
    expect(JSON.parse(run.stdout)).toEqual({ valid: true });
  });
});
