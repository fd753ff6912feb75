import { spawnSync } from 'node:child_process';
import { createAppModel } from '../model/create-app-model';
import { buildOpenApi } from './build-openapi';
import type { OpenAPIDocument, Response } from './types';

const app = createAppModel({
  name: 'shop',
  entities: [
    {
      origin: 'shop',
      definition: {
        name: 'order', label: { en: 'Order', 'zh-CN': '订单' }, pluralLabel: { en: 'Orders', 'zh-CN': '订单' }, fields: { total: { type: 'currency' } },
        documents: [{ name: 'packingSlip', template: 'packing_slip', label: { en: 'Packing slip', 'zh-CN': '装箱单' } }],
      },
    },
    { origin: 'shop', definition: { name: 'customer', label: { en: 'Customer', 'zh-CN': '顾客' }, fields: { name: { type: 'text' } } } },
  ],
  templates: [{ name: 'packing_slip', file: 'templates/packing_slip.hbs', sources: { default: 'Slip\n<p>{{record.total}}</p>' } }],
});
const en = buildOpenApi(app, { locale: 'en' });
const zh = buildOpenApi(app, { locale: 'zh-CN' });
const PATH = '/api/records/order/{id}/documents/packingSlip';

// The validator is ESM-only: it runs in a child Node, as in build-openapi.test.ts.
const VALIDATE = `import { Validator } from '@seriousme/openapi-schema-validator';
let text = ''; for await (const chunk of process.stdin) text += chunk;
process.stdout.write(JSON.stringify(await new Validator().validate(JSON.parse(text))));`;
const validate = (doc: OpenAPIDocument) => JSON.parse(spawnSync(process.execPath, ['--input-type=module', '-e', VALIDATE], { input: JSON.stringify(doc), encoding: 'utf8' }).stdout);

describe('the document paths', () => {
  test('each document an entity declares has one, answering an HTML page; other entities have none', () => {
    const op = en.paths[PATH]!.get!;
    expect(op).toMatchObject({ operationId: 'order.document.packingSlip', summary: 'Packing slip', tags: ['Orders'] });
    expect(Object.keys((op.responses[200] as Response).content!)).toEqual(['text/html; charset=utf-8']);
    expect(Object.keys(op.responses)).toEqual(['200', '401', '404']);
    expect(Object.keys(en.paths).filter((p) => p.includes('/documents/'))).toEqual([PATH]);
  });

  test('are labelled and described in the document\'s language, and the document stays valid OpenAPI 3.1', () => {
    expect(zh.paths[PATH]!.get!).toMatchObject({ summary: '装箱单', tags: ['订单'], description: expect.stringMatching(/^记录的可打印单据/) });
    expect(en.paths[PATH]!.get!.description).toContain('HTML-escaped');
    expect(validate(en)).toEqual({ valid: true });
  });
});
