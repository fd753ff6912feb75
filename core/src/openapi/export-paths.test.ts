import { createAppModel } from '../model/create-app-model';
import { buildOpenApi } from './build-openapi';
import type { Parameter, Reference, Response } from './types';

const app = createAppModel({
  name: 'shop',
  entities: [{ origin: 'shop', definition: { name: 'order', label: { en: 'Order', 'zh-CN': '订单' }, pluralLabel: { en: 'Orders', 'zh-CN': '订单' }, fields: { total: { type: 'currency' } } } }],
});
const en = buildOpenApi(app, { locale: 'en' });
const zh = buildOpenApi(app, { locale: 'zh-CN' });

const names = (parameters: ReadonlyArray<Parameter | Reference> = []) =>
  parameters.map((p) => ('$ref' in p ? p.$ref.split('/').pop() : p.name));

describe('the export path', () => {
  test('every entity, system ones too, has one, with the filter parameters of a list and the file formats', () => {
    for (const entity of ['order', 'user', 'team']) {
      const op = en.paths[`/api/records/${entity}/export`]!.get!;
      expect(op.operationId).toBe(`${entity}.export`);
      expect(names(op.parameters)).toEqual(['format', 'filter', 'where', 'sort', 'fields', 'locale', 'acceptLanguage']);
      const ok = op.responses[200] as Response;
      expect(Object.keys(ok.content!)).toEqual(['text/csv; charset=utf-8', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
      expect(Object.keys(op.responses)).toEqual(['200', '400', '401', '403', '404']);
    }
  });

  test('is summarized and described in the document\'s language', () => {
    expect(en.paths['/api/records/order/export']!.get!.summary).toBe('Export Orders as CSV or XLSX');
    expect(en.paths['/api/records/order/export']!.get!.description).toContain('limit, cursor, offset, count and expand answer 400');
    expect(zh.paths['/api/records/order/export']!.get!.summary).toBe('导出订单（CSV 或 XLSX）');
    expect(zh.paths['/api/records/order/export']!.get!.description).toMatch(/^以文件流式导出/);
    expect(zh.paths['/api/records/order/export']!.get!.tags).toEqual(['订单']);
  });
});
