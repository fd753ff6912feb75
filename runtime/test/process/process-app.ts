import { loadApp, memoryReader, type AppModel } from '@tessera/core';

/** The entity every process test runs on: a deal with a discount that needs approval, and what processes write. */
const deal = {
  name: 'deal', label: { en: 'Deal', 'zh-CN': '交易' }, titleField: 'name', ownership: 'user',
  fields: {
    name: { type: 'text', required: true, label: { en: 'Name', 'zh-CN': '名称' } },
    amount: { type: 'currency', label: { en: 'Amount', 'zh-CN': '金额' } },
    discount: { type: 'percent', label: { en: 'Discount', 'zh-CN': '折扣' } },
    approvalStatus: { type: 'picklist', options: ['draft', 'approved', 'rejected'], default: 'draft', label: { en: 'Approval', 'zh-CN': '审批状态' } },
    reviewer: { type: 'user', label: { en: 'Reviewer', 'zh-CN': '审核人' } },
    followUpOn: { type: 'date', label: { en: 'Follow up on', 'zh-CN': '跟进日期' } },
    stage: { type: 'picklist', options: ['open', 'won', 'lost'], default: 'open', label: { en: 'Stage', 'zh-CN': '阶段' } },
  },
  rules: [{ name: 'discount_cap', when: { discount: { $gt: 90 } }, message: { en: 'A discount above 90% is not allowed', 'zh-CN': '折扣不能超过 90%' } }],
};
const note = {
  name: 'note', label: { en: 'Note', 'zh-CN': '备注' }, titleField: 'text', ownership: 'user',
  fields: { text: { type: 'text', required: true, label: { en: 'Text', 'zh-CN': '内容' } }, deal: { type: 'lookup', target: 'deal', label: { en: 'Deal', 'zh-CN': '交易' } } },
};

const roles = {
  rep: { name: 'rep', label: { en: 'Rep' }, permissions: [{ action: ['read', 'create', 'update', 'delete'], subject: 'deal', where: { ownerId: '$user.id' } }, { action: ['read', 'create'], subject: 'note' }] },
  manager: { name: 'manager', label: { en: 'Manager' }, inherits: ['rep'], permissions: [{ action: 'read', subject: 'deal', where: { ownerId: { $in: '$user.subordinateIds' } } }] },
  finance: { name: 'finance', label: { en: 'Finance' }, permissions: [{ action: 'read', subject: 'deal', fields: { deny: ['reviewer'] } }] },
};

const setStatus = (id: string, status: string) => ({ id, type: 'action', action: 'update', set: { approvalStatus: status } });
const tell = { id: 'tell', type: 'action', action: 'notify', template: 'approval_result', to: 'submitter' };

/** Processes covering every node type, action and approval mode the tests drive. */
export const processes: Record<string, object> = {
  // DESIGN.md's example: the owner's manager, then finance by quorum for big discounts; the record is locked meanwhile.
  discount_approval: {
    name: 'discount_approval', label: { en: 'Discount approval', 'zh-CN': '折扣审批' }, entity: 'deal', trigger: { on: 'submit' }, entry: { discount: { $gt: 10 } },
    nodes: [
      { id: 'mgr', type: 'approval', approvers: { manager: 'owner' }, mode: 'any', timeout: { after: 'P2D', then: 'escalate' } },
      { id: 'big', type: 'condition', when: { discount: { $gt: 20 } } },
      { id: 'fin', type: 'approval', approvers: { role: 'finance' }, mode: 'quorum', quorum: 2 },
      setStatus('ok', 'approved'), setStatus('no', 'rejected'), tell,
    ],
    edges: [
      { from: 'start', to: 'mgr' }, { from: 'mgr', to: 'big', on: 'approved' }, { from: 'mgr', to: 'no', on: 'rejected' },
      { from: 'big', to: 'fin', on: 'true' }, { from: 'big', to: 'ok', on: 'false' },
      { from: 'fin', to: 'ok', on: 'approved' }, { from: 'fin', to: 'no', on: 'rejected' },
      { from: 'ok', to: 'tell' }, { from: 'no', to: 'tell' },
    ],
    lockRecord: true, allowRecall: true,
  },
  // Small discounts: the reviewer named on the record, or the whole manager chain two levels up, in turn.
  small_discount: {
    name: 'small_discount', entity: 'deal', trigger: { on: 'submit' }, entry: { discount: { $gt: 0, $lte: 10 } },
    nodes: [
      { id: 'chain', type: 'approval', approvers: [{ field: 'reviewer' }, { manager: 'submitter', levels: 2 }], mode: 'all' },
      setStatus('ok', 'approved'), setStatus('no', 'rejected'), { id: 'done', type: 'end', status: 'approved' }, { id: 'stop', type: 'end', status: 'rejected' },
    ],
    edges: [{ from: 'start', to: 'chain' }, { from: 'chain', to: 'ok', on: 'approved' }, { from: 'chain', to: 'no', on: 'rejected' }, { from: 'ok', to: 'done' }, { from: 'no', to: 'stop' }],
  },
  // Two branches at once, a finance vote by percentage beside the reviewer, joined before the record is marked.
  parallel_review: {
    name: 'parallel_review', entity: 'deal', trigger: { on: 'manual' },
    nodes: [
      { id: 'split', type: 'parallel' },
      { id: 'rev', type: 'approval', approvers: { field: 'reviewer' } },
      { id: 'fin', type: 'approval', approvers: { role: 'finance' }, mode: 'percent', percent: 50 },
      { id: 'join', type: 'join' }, setStatus('ok', 'approved'),
    ],
    edges: [
      { from: 'start', to: 'split' }, { from: 'split', to: 'rev' }, { from: 'split', to: 'fin' },
      { from: 'rev', to: 'join', on: 'approved' }, { from: 'rev', to: 'join', on: 'rejected' },
      { from: 'fin', to: 'join', on: 'approved' }, { from: 'fin', to: 'join', on: 'rejected' }, { from: 'join', to: 'ok' },
    ],
  },
  // A child process run from a parent, which waits for it.
  child: {
    name: 'child', entity: 'deal', trigger: { on: 'manual' },
    nodes: [{ id: 'rev', type: 'approval', approvers: { field: 'reviewer' } }, { id: 'mark', type: 'action', action: 'create', entity: 'note', values: { text: 'child approved', deal: { field: 'id' } } }],
    edges: [{ from: 'start', to: 'rev' }, { from: 'rev', to: 'mark', on: 'approved' }, { from: 'rev', to: 'mark', on: 'rejected' }],
  },
  parent: {
    name: 'parent', entity: 'deal', trigger: { on: 'manual' },
    nodes: [{ id: 'sub', type: 'subprocess', process: 'child' }, setStatus('after', 'approved')],
    edges: [{ from: 'start', to: 'sub' }, { from: 'sub', to: 'after' }],
  },
  // Created deals above a million wait an hour, then go to the reviewer's ownership and a webhook.
  big_deal: {
    name: 'big_deal', entity: 'deal', trigger: { on: 'create' }, entry: { amount: { $gte: 1000000 } },
    nodes: [
      { id: 'pause', type: 'wait', for: 'PT1H' },
      { id: 'handover', type: 'action', action: 'assign', to: { field: 'reviewer' } },
      { id: 'hook', type: 'action', action: 'webhook', url: 'https://hooks.example.com/deals' },
    ],
    edges: [{ from: 'start', to: 'pause' }, { from: 'pause', to: 'handover' }, { from: 'handover', to: 'hook' }],
  },
  // A deal marked won gets a note, computed from the record.
  won_note: {
    name: 'won_note', entity: 'deal', trigger: { on: 'update', fields: ['stage'] }, entry: { stage: 'won' },
    nodes: [{ id: 'note', type: 'action', action: 'create', entity: 'note', values: { text: { formula: 'CONCAT("won: ", name)' }, deal: { field: 'id' } } }],
    edges: [{ from: 'start', to: 'note' }],
  },
  // Waits until the follow-up date, then tells the owner.
  follow_up: {
    name: 'follow_up', entity: 'deal', trigger: { on: 'manual' },
    nodes: [{ id: 'until', type: 'wait', until: 'followUpOn' }, { id: 'remind', type: 'action', action: 'notify', template: 'approval_result', to: 'owner', channels: ['app'] }],
    edges: [{ from: 'start', to: 'until' }, { from: 'until', to: 'remind' }],
  },
  // Every hour, open deals with no discount get a note.
  hourly: {
    name: 'hourly', entity: 'deal', trigger: { on: 'schedule', cron: '0 * * * *' }, entry: { stage: 'open', discount: { $exists: false } },
    nodes: [{ id: 'note', type: 'action', action: 'create', entity: 'note', values: { text: 'hourly check', deal: { field: 'id' } } }],
    edges: [{ from: 'start', to: 'note' }],
  },
  // A webhook whose body a template renders as JSON.
  hook_template: {
    name: 'hook_template', entity: 'deal', trigger: { on: 'manual' },
    nodes: [{ id: 'hook', type: 'action', action: 'webhook', url: 'https://hooks.example.com/t', method: 'PUT', template: 'deal_hook' }], edges: [{ from: 'start', to: 'hook' }],
  },
  broken_hook: {
    name: 'broken_hook', entity: 'deal', trigger: { on: 'manual' },
    nodes: [{ id: 'hook', type: 'action', action: 'webhook', url: 'https://hooks.example.com/t', template: 'broken_hook' }], edges: [{ from: 'start', to: 'hook' }],
  },
  // An update a rule refuses: the instance fails, visibly, and the record keeps its values.
  bad_update: {
    name: 'bad_update', entity: 'deal', trigger: { on: 'manual' },
    nodes: [{ id: 'set', type: 'action', action: 'update', set: { discount: 95 } }], edges: [{ from: 'start', to: 'set' }],
  },
  ...Object.fromEntries((['approve', 'reject', 'reassign'] as const).map((then) => [`timeout_${then}`, {
    name: `timeout_${then}`, entity: 'deal', trigger: { on: 'manual' },
    nodes: [
      { id: 'rev', type: 'approval', approvers: { field: 'reviewer' }, timeout: { after: 'PT1H', then, ...(then === 'reassign' ? { to: { role: 'finance' } } : {}) } },
      setStatus('ok', 'approved'), setStatus('no', 'rejected'),
    ],
    edges: [{ from: 'start', to: 'rev' }, { from: 'rev', to: 'ok', on: 'approved' }, { from: 'rev', to: 'no', on: 'rejected' }],
  }])),
};

const APPROVAL_RESULT = 'Deal {{record.title}}: {{status}}\nThe deal "{{record.title}}" finished {{process.name}} as {{status}}.';
const APPROVAL_RESULT_ZH = '交易 {{record.title}}：{{status}}\n交易“{{record.title}}”的审批结果：{{status}}。';

/** The files of the test app, for loadApp (so its processes are validated as an implementer's would be). */
export function processAppFiles(overrides: Record<string, object> = {}): Record<string, string> {
  const all = { ...processes, ...overrides };
  return {
    'app.json': JSON.stringify({ name: 'process-test', locales: ['en', 'zh-CN'], defaultLocale: 'en' }),
    'entities/deal.json': JSON.stringify(deal),
    'entities/note.json': JSON.stringify(note),
    ...Object.fromEntries(Object.entries(roles).map(([n, r]) => [`roles/${n}.json`, JSON.stringify(r)])),
    ...Object.fromEntries(Object.entries(all).map(([n, p]) => [`processes/${n}.json`, JSON.stringify(p)])),
    'templates/approval_result.hbs': APPROVAL_RESULT,
    'templates/approval_result.zh-CN.hbs': APPROVAL_RESULT_ZH,
    'templates/deal_hook.hbs': '{"deal": {{json record.name}}, "amount": {{json record.amount}}, "by": {{json process.name}} }',
    'templates/broken_hook.hbs': '{"deal": {{#if record.name}}{{json record.name}}}',
  };
}

/** Loads the test app (with some processes replaced or added); throws with the issues when it is invalid. */
export async function loadProcessApp(overrides: Record<string, object> = {}): Promise<AppModel> {
  const result = await loadApp(memoryReader(processAppFiles(overrides)));
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.file} ${i.path} ${i.code}`).join('\n'));
  return result.app;
}
