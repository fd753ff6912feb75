import type { AppModel } from '@tessera/core';
import { PluginRegistry } from '../../src/plugins/plugin-registry';
import { openProcessFixture, type ProcessFixture } from '../process/support';
import { testEngines } from '../support/databases';
import { crmAppModel, recordCalls } from './crm-fixture';
// The plugin's TypeScript source, as the server loads its build (dist/hooks.js).
import * as serviceHooks from '../../../plugins/crm-service/src/hooks';
import { caseWords } from '../../../plugins/crm-service/src/suggest-articles';

/** crm-service's code through the API: a case's deadlines from its service level, and knowledge articles suggested on it. */
const USERS = { admin: { roles: ['admin'] }, lead: { roles: ['service_manager'] }, agent: { roles: ['service_agent'], manager: 'lead' } };

let app: AppModel;
beforeAll(async () => {
  app = await crmAppModel();
});

describe('the words of a case', () => {
  it('are its subject split at spaces and punctuation, each once, in lower case', () => {
    expect(caseWords('打印机 卡纸，无法开机! Printer JAM jam a')).toEqual(['打印机', '卡纸', '无法开机', 'printer', 'jam']);
  });
});

describe.each(testEngines())('crm-service code on %s', (engine) => {
  let p: ProcessFixture;
  const { api, created } = recordCalls(() => p);
  const suggested = async (who: string, caseId: string) =>
    (await api().post(`/api/records/case/${caseId}/actions/suggestArticles`).set(p.as(who)).send({}).expect(200)).body.data as Array<{ id: string; title: string; highlights: unknown[] }>;

  beforeAll(async () => {
    p = await openProcessFixture(engine, app, USERS, { plugins: PluginRegistry.of(app, [{ plugin: 'crm-service', module: serviceHooks }]) });
  });
  afterAll(() => p.close());

  it('suggests published articles on a case: those matching more of its words first, then its product\'s, never drafts', async () => {
    const printer = await created('admin', 'product', { code: 'P-1', name: '激光打印机' });
    const scanner = await created('admin', 'product', { code: 'S-1', name: '扫描仪' });
    const account = await created('admin', 'account', { name: '成都糖酒有限公司' });
    const installed = await created('admin', 'installedProduct', { name: '前台打印机', serialNumber: 'SN-001', account: account.id, product: printer.id, warrantyType: 'none' });
    // Published as the review process publishes (status is read-only to people).
    const article = async (title: string, body: { status?: string; product?: string; category?: string } = {}) => {
      const { status = 'published', ...fields } = body;
      const made = await created('lead', 'knowledgeArticle', { title, category: 'troubleshooting', ...fields });
      await p.f.t.db.knex(app.entities.knowledgeArticle!.table).where({ id: made.id }).update({ status });
      return made;
    };
    const both = await article('打印机卡纸的处理方法');
    const oneWord = await article('卡纸传感器说明');
    const productOnly = await article('激光打印机安装指南', { product: printer.id, category: 'installation' });
    await article('扫描仪卡纸', { status: 'draft', product: scanner.id });
    await article('扫描仪驱动安装', { product: scanner.id });
    const kase = await created('agent', 'case', { subject: '打印机 卡纸', account: account.id, installedProduct: installed.id, assignee: p.ids.agent });

    const found = await suggested('agent', kase.id);
    expect(found.map((a) => a.title)).toEqual(['打印机卡纸的处理方法', '激光打印机安装指南', '卡纸传感器说明']);
    expect(found.map((a) => a.id)).toEqual([both.id, productOnly.id, oneWord.id]);
    expect(found[0]!.highlights.length).toBeGreaterThan(0);
  });

  it('gives a new case its deadlines from its priority\'s service level, and starts its escalation with them', async () => {
    for (const [priority, responseHours, resolutionHours] of [['high', 4, 24], ['urgent', 1, 8]] as const) {
      await created('lead', 'slaPolicy', { name: priority, priority, responseHours, resolutionHours });
    }
    const account = await created('admin', 'account', { name: '深圳前海物流有限公司' });
    const hours = (from: unknown, h: number) => new Date(new Date(String(from)).getTime() + h * 3_600_000).toISOString();
    const kase = await created('agent', 'case', { subject: '叉车无法启动', account: account.id, priority: 'high', assignee: p.ids.agent });
    expect(kase).toMatchObject({ slaResponseDue: hours(kase.createdAt, 4), slaResolutionDue: hours(kase.createdAt, 24) });
    const running = (await api().get(`/api/records/case/${kase.id}/processes`).set(p.as('agent')).expect(200)).body.data;
    expect(running).toEqual(expect.arrayContaining([expect.objectContaining({ process: 'case_escalation', status: 'running' })]));

    const entered = '2030-01-01T00:00:00.000Z';
    const own = await created('agent', 'case', { subject: '发票问题', account: account.id, priority: 'high', slaResponseDue: entered, assignee: p.ids.agent });
    expect(own).toMatchObject({ slaResponseDue: entered, slaResolutionDue: hours(own.createdAt, 24) });

    const raised = (await api().patch(`/api/records/case/${kase.id}`).set(p.as('agent')).send({ priority: 'urgent' }).expect(200)).body;
    expect(raised).toMatchObject({ slaResponseDue: hours(kase.createdAt, 1), slaResolutionDue: hours(kase.createdAt, 8) });
    const both = (await api().patch(`/api/records/case/${own.id}`).set(p.as('agent')).send({ priority: 'urgent', slaResolutionDue: entered }).expect(200)).body;
    expect(both).toMatchObject({ slaResponseDue: hours(own.createdAt, 1), slaResolutionDue: entered });
    const renamed = (await api().patch(`/api/records/case/${own.id}`).set(p.as('agent')).send({ subject: '发票抬头问题' }).expect(200)).body;
    expect(renamed).toMatchObject({ slaResponseDue: hours(own.createdAt, 1), slaResolutionDue: entered });

    const none = await created('agent', 'case', { subject: '咨询', account: account.id, priority: 'low', assignee: p.ids.agent });
    expect(none).toMatchObject({ slaResponseDue: null, slaResolutionDue: null });
  });

  it('answers 404 on a case the caller may not read, and nothing for a case no article fits', async () => {
    const account = await created('admin', 'account', { name: '杭州云帆科技有限公司' });
    // Assigned to someone else: not in the agent's queue of new, unassigned cases.
    const other = await created('admin', 'case', { subject: '发票抬头修改', account: account.id, status: 'assigned', assignee: p.ids.lead });
    await api().post(`/api/records/case/${other.id}/actions/suggestArticles`).set(p.as('agent')).send({}).expect(404);
    expect(await suggested('lead', other.id)).toEqual([]);
  });
});
