import { loadApp, memoryReader, type AppModel } from '@tessera/core';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });

/** Companies with a warn rule on name and city, block rules on phone and credit code, and a field reps may not read. */
const company = {
  name: 'company', label: label('Company', '公司'), titleField: 'name', ownership: 'user',
  fields: {
    name: { type: 'text', required: true, maxLength: 200, label: label('Name', '名称') },
    city: { type: 'text', maxLength: 40, label: label('City', '城市') },
    phone: { type: 'phone', label: label('Phone', '电话') },
    creditCode: { type: 'text', maxLength: 18, label: label('Credit code', '信用代码') },
    rating: { type: 'integer', label: label('Rating', '评级') },
  },
  duplicateRules: [
    { name: 'same_name', label: label('Same name and city', '名称和城市相同'), fields: [{ field: 'name', match: 'normalized' }, { field: 'city', match: 'exact' }], action: 'warn',
      message: label('A company of this name exists in this city', '该城市已有同名公司') },
    { name: 'same_phone', label: label('Same phone', '电话相同'), fields: [{ field: 'phone', match: 'normalized' }], action: 'block' },
    { name: 'same_code', label: label('Same credit code', '信用代码相同'), fields: [{ field: 'creditCode', match: 'normalized' }], action: 'block' },
  ],
};

/** Children of companies: contacts (unique by company and name) and deals that must keep their company. */
const contact = {
  name: 'contact', label: label('Contact', '联系人'), titleField: 'name', ownership: 'user',
  fields: {
    name: { type: 'text', required: true, label: label('Name', '姓名') },
    company: { type: 'masterDetail', target: 'company', label: label('Company', '公司') },
    email: { type: 'email', label: label('E-mail', '邮箱') },
  },
  unique: [['company', 'name']],
  duplicateRules: [{ name: 'same_email', fields: [{ field: 'email', match: 'normalized' }], action: 'warn' }],
};
const deal = {
  name: 'deal', label: label('Deal', '商机'), titleField: 'name', ownership: 'user',
  fields: { name: { type: 'text', required: true }, company: { type: 'lookup', target: 'company', onDelete: 'restrict' }, partner: { type: 'lookup', target: 'company' } },
};

const roles = {
  // Reps see and change their own companies only, and never their rating; they may not delete.
  rep: { name: 'rep', label: { en: 'Rep' }, permissions: [
    { action: ['read', 'create', 'update'], subject: 'company', where: { ownerId: '$user.id' }, fields: { deny: ['rating'] } },
    { action: ['read', 'create', 'update'], subject: 'contact' }, { action: ['read', 'create'], subject: 'deal' },
  ] },
  // Managers may also delete their own companies, so they may merge them.
  manager: { name: 'manager', label: { en: 'Manager' }, inherits: ['rep'], permissions: [{ action: 'delete', subject: 'company', where: { ownerId: '$user.id' } }] },
};

/** A process that waits for the boss's approval on a company, started by hand: what a merge must cancel on a merged record. */
const review = {
  name: 'review', entity: 'company', trigger: { on: 'manual' },
  nodes: [{ id: 'ask', type: 'approval', approvers: { user: 'boss@example.com' }, mode: 'any' }, { id: 'done', type: 'end' }],
  edges: [{ from: 'start', to: 'ask' }, { from: 'ask', to: 'done', on: 'approved' }, { from: 'ask', to: 'done', on: 'rejected' }],
};

/** Loads the duplicates test app through the loader, as an implementer's metadata would be. */
export async function loadDuplicatesApp(): Promise<AppModel> {
  const files = {
    'app.json': { name: 'dup-test', locales: ['en', 'zh-CN'], defaultLocale: 'en' },
    'entities/company.json': company, 'entities/contact.json': contact, 'entities/deal.json': deal,
    ...Object.fromEntries(Object.entries(roles).map(([n, r]) => [`roles/${n}.json`, r])),
    'processes/review.json': review,
  };
  const result = await loadApp(memoryReader(Object.fromEntries(Object.entries(files).map(([p, v]) => [p, JSON.stringify(v)]))));
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.file} ${i.path} ${i.code}`).join('\n'));
  return result.app;
}
