import { renderIssue, type Issue } from '../../errors/issue';
import { loadApp, type LoadResult } from '../load-app';
import { memoryReader } from '../reader';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const folder = (files: Record<string, unknown>) => Object.fromEntries(Object.entries(files).map(([p, v]) => [p, typeof v === 'string' ? v : JSON.stringify(v, null, 2)]));
const load = (files: Record<string, unknown>): Promise<LoadResult> => loadApp(memoryReader(folder(files)));
const where = (result: LoadResult) => (result.ok ? [] : result.issues.map((i) => `${i.file} ${i.path} ${i.code}`));
const issues = (result: LoadResult): readonly Issue[] => (result.ok ? [] : result.issues);

const order = (documents: unknown[]) => ({ name: 'order', label: label('Order', '订单'), fields: { number: { type: 'text' } }, documents });
const sheet = (name: string, template: string) => ({ name, template, label: label(`Sheet ${name}`, `单据 ${name}`) });
const crm = {
  'plugins/crm/plugin.json': { name: 'crm', version: '1.0.0', label: label('CRM', '客户管理') },
  'plugins/crm/templates/order_sheet.hbs': 'Order {{record.number}}\n<p>{{record.number}}</p>',
  'plugins/crm/templates/order_sheet.zh-CN.hbs': '订单 {{record.number}}\n<p>{{record.number}}</p>',
};

describe('documents', () => {
  it('load with the entity, documents added by another plugin after its own, on templates of any layer', async () => {
    const result = await load({
      'app.json': { name: 'shop', plugins: ['crm', 'sales'] },
      ...crm,
      'plugins/crm/entities/order.json': order([sheet('orderSheet', 'order_sheet')]),
      'plugins/sales/plugin.json': { name: 'sales', version: '1.0.0', label: label('Sales', '销售'), dependsOn: { crm: '^1.0.0' } },
      'plugins/sales/entities/order_more.json': { extends: 'order', documents: [sheet('receipt', 'receipt')] },
      'templates/receipt.hbs': 'Receipt\n<p>{{record.number}}</p>',
    });
    expect(where(result)).toEqual([]);
    expect(result.ok && result.app.entities.order!.documents.map((d) => [d.name, d.template])).toEqual([['orderSheet', 'order_sheet'], ['receipt', 'receipt']]);
    expect(result.ok && result.app.entities.user!.documents).toEqual([]);
  });

  it('refuse a template the app does not have, and a name used twice, each where it is', async () => {
    const result = await load({
      'app.json': { name: 'shop', plugins: ['crm'] },
      ...crm,
      'plugins/crm/entities/order.json': order([sheet('orderSheet', 'order_sheet'), sheet('invoice', 'invoice_sheet')]),
      'entities/order_more.json': { extends: 'order', documents: [sheet('orderSheet', 'order_sheet')] },
    });
    const file = 'plugins/crm/entities/order.json';
    expect(where(result)).toEqual([
      'entities/order_more.json /documents/0/name name.duplicate',
      `${file} /documents/1/template ref.template`,
    ]);
    const missing = issues(result)[1]!;
    expect(renderIssue(missing)).toMatchObject({ message: 'unknown template "invoice_sheet"', expected: 'one of order_sheet' });
    expect(renderIssue(missing, 'zh-CN')).toMatchObject({ message: '未知模板 "invoice_sheet"', expected: '以下之一：order_sheet' });
    expect(renderIssue(issues(result)[0]!).message).toBe(`document "orderSheet" is already defined in ${file}`);
  });

  it('refuse a name that is not camelCase and a document without a label by their schema', async () => {
    const result = await load({
      'app.json': { name: 'shop', plugins: ['crm'] },
      ...crm,
      'plugins/crm/entities/order.json': order([sheet('order_sheet', 'order_sheet'), { name: 'plain', template: 'order_sheet' }]),
    });
    expect(where(result)).toEqual([
      'plugins/crm/entities/order.json /documents/0/name schema.pattern',
      'plugins/crm/entities/order.json /documents/1 schema.required',
    ]);
  });
});
