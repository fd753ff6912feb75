import { createAppModel } from '../model/create-app-model';
import { buildOpenApi } from './build-openapi';
import type { Parameter, Reference, Response } from './types';

const app = createAppModel({
  name: 'shop',
  entities: [{
    origin: 'shop',
    definition: {
      name: 'customer', label: { en: 'Customer', 'zh-CN': '客户' }, pluralLabel: { en: 'Customers', 'zh-CN': '客户' },
      fields: { code: { type: 'text', unique: true }, region: { type: 'text' }, name: { type: 'text' } }, unique: [['region', 'name']],
    },
  }],
});
const en = buildOpenApi(app, { locale: 'en' });
const zh = buildOpenApi(app, { locale: 'zh-CN' });
const param = (parameters: ReadonlyArray<Parameter | Reference> = [], name: string) =>
  parameters.find((p): p is Parameter => !('$ref' in p) && p.name === name);

describe('the import and job paths', () => {
  test('an import takes the upload types, offers the entity\'s upsert keys, and answers a job with its Location', () => {
    const op = en.paths['/api/records/customer/import']!.post!;
    expect(op.operationId).toBe('customer.import');
    expect(Object.keys(op.requestBody!.content)).toEqual(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/x-ndjson', 'application/jsonl']);
    expect(param(op.parameters, 'key')!.schema).toEqual({ enum: ['id', 'code', 'region,name'], default: 'id' });
    expect((op.responses[202] as Response).headers).toHaveProperty('Location');
    expect(Object.keys(op.responses)).toEqual(['202', '400', '401', '403', '404', '413', '415']);
  });

  test('are written in the document\'s language', () => {
    expect(en.paths['/api/records/customer/import']!.post!.summary).toBe('Import Customers from CSV, XLSX or JSON lines');
    expect(zh.paths['/api/records/customer/import']!.post!.summary).toBe('从 CSV、XLSX 或 JSON Lines 导入客户');
    expect(zh.paths['/api/jobs/{id}']!.get!.summary).toBe('后台任务（如导入）的状态、进度与结果');
    expect(zh.paths['/api/jobs/{id}']!.get!.tags).toEqual(['后台任务']);
  });
});
