import { createAppModel } from '@tessera/core';
import type { EntityDefinition, RoleDefinition } from '@tessera/metadata';
import type { Express } from 'express';
import request from 'supertest';
import { eventually } from '../support/eventually';

/** Accounts with a unique code, a picklist with labels, a decimal and a date; contacts pointing at them. */
const account: EntityDefinition = {
  name: 'account', label: { en: 'Account', 'zh-CN': '客户' }, titleField: 'name', ownership: 'user',
  fields: {
    name: { type: 'text', required: true, label: { en: 'Name', 'zh-CN': '名称' }, maxLength: 100 },
    code: { type: 'text', unique: true, label: { en: 'Code', 'zh-CN': '编码' } },
    kind: { type: 'picklist', label: { en: 'Type', 'zh-CN': '类型' }, options: [{ value: 'customer', label: { en: 'Customer', 'zh-CN': '客户' } }, { value: 'partner', label: { en: 'Partner', 'zh-CN': '合作伙伴' } }] },
    credit: { type: 'decimal', label: { en: 'Credit', 'zh-CN': '信用额度' }, min: 0 },
    since: { type: 'date', label: { en: 'Since', 'zh-CN': '起始日期' } },
    margin: { type: 'percent', label: { en: 'Margin', 'zh-CN': '毛利率' } },
    creditCode: { type: 'text', label: { en: 'Credit code', 'zh-CN': '信用代码' } },
  },
  duplicateRules: [
    { name: 'same_name', fields: [{ field: 'name', match: 'normalized' }], action: 'warn' },
    { name: 'same_credit_code', fields: [{ field: 'creditCode', match: 'normalized' }], action: 'block', message: { en: 'This credit code is taken', 'zh-CN': '信用代码已被使用' } },
  ],
};
const contact: EntityDefinition = {
  name: 'contact', label: { en: 'Contact', 'zh-CN': '联系人' }, titleField: 'name', ownership: 'user',
  fields: {
    name: { type: 'text', required: true, label: { en: 'Name', 'zh-CN': '姓名' } },
    email: { type: 'email', label: { en: 'Email', 'zh-CN': '邮箱' } },
    account: { type: 'lookup', target: 'account', label: { en: 'Account', 'zh-CN': '客户' } },
  },
};
const roles: RoleDefinition[] = [
  { name: 'rep', label: { en: 'Rep' }, permissions: [
    { action: ['read', 'create', 'update', 'import'], subject: 'account', where: { ownerId: '$user.id' }, fields: { deny: ['margin'] } },
    { action: ['read', 'create'], subject: 'contact' },
  ] },
];

/** The app the import tests run on. */
export const importApp = createAppModel({ name: 'import', entities: [account, contact].map((definition) => ({ definition, origin: 'test' })), roles });

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Posts a file to an entity's import and waits for its job to end; answers the job as GET /api/jobs/:id shows it. */
export async function importFile(server: Express, token: string, entity: string, body: Buffer | string, type: string, query: Record<string, string> = {}): Promise<Record<string, unknown> & { result: Record<string, unknown> }> {
  const started = await request(server).post(`/api/records/${entity}/import`).query(query).set({ Authorization: `Bearer ${token}`, 'Content-Type': type })
    .send(typeof body === 'string' ? Buffer.from(body) : body);
  if (started.status !== 202) throw new Error(`import answered ${started.status}: ${JSON.stringify(started.body)}`);
  expect(started.headers.location).toBe(`/api/jobs/${started.body.id}`);
  let job: Record<string, unknown> & { result: Record<string, unknown> } = started.body;
  await eventually(async () => {
    job = (await request(server).get(`/api/jobs/${started.body.id}`).set({ Authorization: `Bearer ${token}` }).expect(200)).body;
    return job.status !== 'running';
  }, 20_000);
  return job;
}
