import { createAppModel, type AppModel } from '@tessera/core';
import type { EntityDefinition, RoleDefinition } from '@tessera/metadata';

const zh = (en: string, cn: string) => ({ en, 'zh-CN': cn });

/** Accounts as a company imports them: a unique code, a searchable name and phone (their search indexes kept current), a picklist, money and a date. */
const account: EntityDefinition = {
  name: 'account', label: zh('Account', '客户'), titleField: 'name',
  fields: {
    code: { type: 'text', unique: true, maxLength: 20, label: zh('Code', '编码') },
    name: { type: 'text', required: true, maxLength: 200, searchable: true, label: zh('Name', '名称') },
    phone: { type: 'phone', searchable: true, label: zh('Phone', '电话') },
    city: { type: 'text', maxLength: 50, label: zh('City', '城市') },
    industry: { type: 'picklist', label: zh('Industry', '行业'), options: [
      { value: 'retail', label: zh('Retail', '零售') }, { value: 'manufacturing', label: zh('Manufacturing', '制造业') }, { value: 'services', label: zh('Services', '服务业') },
    ] },
    revenue: { type: 'currency', min: 0, label: zh('Annual revenue', '年营业额') },
    since: { type: 'date', label: zh('Customer since', '成为客户日期') },
  },
};

/** Opportunities for the aggregate: a stage, an amount and a close date, owned by reps. */
const opportunity: EntityDefinition = {
  name: 'opportunity', label: zh('Opportunity', '商机'), titleField: 'name',
  fields: {
    name: { type: 'text', required: true, label: zh('Name', '名称') },
    account: { type: 'lookup', target: 'account', label: zh('Account', '客户') },
    stage: { type: 'picklist', options: ['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost'], label: zh('Stage', '阶段') },
    amount: { type: 'currency', min: 0, label: zh('Amount', '金额') },
    closeDate: { type: 'date', label: zh('Close date', '预计成交日期') },
  },
  indexes: [{ fields: ['ownerId'] }],
};

/** A rep reads their own opportunities only: the row rule every aggregate of theirs carries. */
export const REP_ROLE = 'rep';
const roles: RoleDefinition[] = [{ name: REP_ROLE, label: zh('Rep', '销售'), permissions: [{ action: 'read', subject: 'opportunity', where: { ownerId: '$user.id' } }] }];

/** The data bench's app. */
export const dataBenchApp: AppModel = createAppModel({ name: 'data-bench', entities: [account, opportunity].map((definition) => ({ definition, origin: 'bench' })), roles });
