import { createFormValidator } from '../forms/validator';
import { createAppModel } from '../model/create-app-model';
import { buildOpenApi } from './build-openapi';
import { recordSchema } from './schemas';

const app = createAppModel({
  name: 'shop',
  entities: [
    { origin: 'shop', definition: { name: 'account', label: { en: 'Account' }, fields: { name: { type: 'text', required: true } } } },
    {
      origin: 'shop',
      definition: {
        name: 'deal', label: { en: 'Deal', 'zh-CN': '交易' },
        fields: {
          name: { type: 'text', required: true, maxLength: 20 },
          account: { type: 'lookup', target: 'account' },
          stage: { type: 'picklist', options: ['open', 'won'], required: true },
          amount: { type: 'currency', currency: 'USD' },
          expected: { type: 'formula', expression: 'amount * 2', resultType: 'currency' },
        },
        rules: [{ name: 'won_needs_amount', when: { stage: 'won', amount: null }, field: 'amount', message: { en: 'Needs an amount' } }],
      },
    },
  ],
});

const doc = buildOpenApi(app, { locale: 'en' });
// The components as one strict JSON Schema 2020-12 document: every $ref rewritten to its $defs entry.
const ajv = createFormValidator().addSchema(JSON.parse(JSON.stringify({ $id: 'https://tessera.invalid/openapi.json', $defs: doc.components.schemas }).replace(/#\/components\/schemas\//g, '#/$defs/')));
const validator = (name: string) => ajv.compile({ $ref: `https://tessera.invalid/openapi.json#/$defs/${name}` });
const ok = (name: string, value: unknown) => validator(name)(value);

const ID = '3f0c1c4e-8b1a-4a7e-9c55-0d6f2b8f9a10';
const record = {
  id: ID, version: 3, createdAt: '2024-05-01T08:00:00.000Z', updatedAt: '2024-05-02T08:00:00.000Z',
  createdBy: ID, updatedBy: null, ownerId: ID, name: 'Big deal', account: ID, stage: 'won', amount: 120.5, expected: 241,
};

describe('component schemas', () => {
  test('every one compiles under strict JSON Schema 2020-12', () => {
    for (const name of Object.keys(doc.components.schemas)) expect(() => validator(name)).not.toThrow();
  });

  test('the read schema holds every field, system and formula fields included, through the field registry', () => {
    const schema = recordSchema(app, 'deal', 'zh-CN') as { title: string; properties: Record<string, Record<string, unknown>> };
    expect(Object.keys(schema.properties)).toEqual(app.entities.deal!.fieldNames);
    expect(schema.title).toBe('交易');
    expect(schema.properties.id).toMatchObject({ type: 'string', format: 'uuid', readOnly: true });
    expect(schema.properties.account).toMatchObject({ type: ['string', 'null'], format: 'uuid' });
    expect(schema.properties.expected).toMatchObject({ type: ['number', 'null'], readOnly: true });
  });

  test('a record as the API returns it passes the read schema; a wrong one does not', () => {
    expect(ok('deal.record', record)).toBe(true);
    expect(ok('deal.record', { id: ID, version: 1, name: 'Only some fields' })).toBe(true);
    expect(ok('deal.record', { ...record, account: { id: ID } })).toBe(false);
    expect(ok('deal.record', { ...record, secret: 1 })).toBe(false);
    const { version: _version, ...unversioned } = record;
    expect(ok('deal.record', unversioned)).toBe(false);
  });

  test('a list answer is { data, page: { next, total? } }', () => {
    expect(ok('deal.page', { data: [record], page: { next: null, total: 1 } })).toBe(true);
    expect(ok('deal.page', { data: [record], page: { next: 'abc' } })).toBe(true);
    expect(ok('deal.page', { data: [record], page: {} })).toBe(false);
    expect(ok('deal.page', [record])).toBe(false);
  });

  test('bulk bodies are lists of create bodies; the create body runs the compiled rules', () => {
    expect(ok('deal.bulkRequest', { records: [{ name: 'A', stage: 'open' }], allOrNothing: false })).toBe(true);
    expect(ok('deal.bulkRequest', { records: [] })).toBe(false);
    expect(ok('deal.bulkRequest', { records: [{ name: 'A' }] })).toBe(false);
    expect(ok('deal.create', { name: 'A', stage: 'won' })).toBe(false);
    expect(ok('deal.bulkResult', { results: [{ index: 0, status: 201, record }, { index: 1, status: 422, errors: [{ path: '/name', code: 'required', message: 'is required' }] }] })).toBe(true);
  });

  test('a problem as the runtime sends it passes the Problem schema', () => {
    const problem = { type: 'about:blank', title: 'Unprocessable Entity', status: 422, code: 'validation', detail: 'Invalid', errors: [{ path: '/amount', code: 'rule:won_needs_amount', message: 'Needs an amount' }] };
    expect(ok('Problem', problem)).toBe(true);
    expect(ok('Problem', { ...problem, errors: [{ path: '/amount' }] })).toBe(false);
    expect(ok('Problem', { title: 'x' })).toBe(false);
  });
});

describe('process and notification schemas', () => {
  const AT = '2024-05-01T08:00:00.000Z';
  const label = { en: 'Manager', 'zh-CN': '直属上级' };
  // As runtime/src/process/queries.ts (instancesOn, TaskView) and the notification stores answer them.
  const instance = {
    id: ID, process: 'discount_approval', version: 1, label, trigger: 'submit', status: 'running', outcome: null, submittedBy: ID,
    startedAt: AT, endedAt: null, error: null, waitingAt: [{ node: 'manager', label, dueAt: AT }],
    tasks: [{ id: ID, node: 'manager', label, status: 'open', assignee: { id: ID, name: 'Mia' }, comment: null, decidedAt: null, dueAt: AT, revision: 1 }],
  };
  const task = {
    id: ID, status: 'open', node: 'manager', nodeLabel: label, process: { name: 'discount_approval', version: 1, label: null }, instanceId: ID,
    record: { entity: 'deal', id: ID, title: 'Big deal' }, assignee: ID, originalAssignee: null, delegatedUntil: null,
    submittedBy: { id: ID, name: 'Sam' }, comment: null, dueAt: null, createdAt: AT, decidedAt: null, revision: 2,
  };

  test('an instance state and a page of tasks as the runtime sends them pass; wrong ones do not', () => {
    expect(ok('InstanceState', instance)).toBe(true);
    expect(ok('Instances', { data: [instance, { ...instance, status: 'approved', waitingAt: [], tasks: [], endedAt: AT, label: null }] })).toBe(true);
    expect(ok('InstanceState', { ...instance, status: 'paused' })).toBe(false);
    const { waitingAt: _waitingAt, ...partial } = instance;
    expect(ok('InstanceState', partial)).toBe(false);
    expect(ok('TaskPage', { data: [task, { ...task, submittedBy: null, record: { entity: 'deal', id: ID } }], page: { next: 'abc' } })).toBe(true);
    expect(ok('TaskView', { ...task, status: 'done' })).toBe(false);
    expect(ok('InstanceCounts', { byStatus: { running: 2, approved: 1 }, waitingAt: { manager: 2 } })).toBe(true);
    expect(ok('Processes', { data: [{ name: 'p', label, description: null, entity: 'deal', trigger: { on: 'submit' }, version: null, lockRecord: true, allowRecall: true }] })).toBe(true);
  });

  test('a decision carries the members its kind takes', () => {
    expect(ok('DecisionRequest', { decision: 'approve', comment: 'fine', revision: 2 })).toBe(true);
    expect(ok('DecisionRequest', { decision: 'delegate', to: ID, until: AT })).toBe(true);
    expect(ok('DecisionRequest', { decision: 'addApprover', to: ID })).toBe(true);
    expect(ok('DecisionRequest', { decision: 'return' })).toBe(true);
    expect(ok('DecisionRequest', { decision: 'return', to: 'submitter' })).toBe(true);
    expect(ok('DecisionRequest', { decision: 'return', to: ID })).toBe(false);
    expect(ok('DecisionRequest', { decision: 'delegate' })).toBe(false);
    expect(ok('DecisionRequest', { decision: 'delegate', to: 'previous' })).toBe(false);
    expect(ok('DecisionRequest', { decision: 'addApprover', to: ID, until: AT })).toBe(false);
    expect(ok('DecisionRequest', { decision: 'approve', to: ID })).toBe(false);
    expect(ok('DecisionRequest', { decision: 'approve', comment: 'x'.repeat(4001) })).toBe(false);
    expect(ok('DecisionRequest', { decision: 'veto' })).toBe(false);
    expect(ok('SubmitRequest', {})).toBe(true);
    expect(ok('SubmitRequest', { comment: 'please' })).toBe(true);
    expect(ok('SubmitRequest', { comment: 'please', urgent: true })).toBe(false);
  });

  test('a process step shares the history with field changes; only it carries a step', () => {
    const step = { process: 'discount_approval', version: 1, instanceId: ID, event: 'approved', node: 'manager', taskId: ID, comment: 'ok' };
    const entry = { id: '7', entity: 'deal', recordId: ID, action: 'process', changes: {}, userId: ID, at: AT, step };
    expect(ok('History', { data: [entry, { ...entry, action: 'update', changes: { amount: { old: 1, new: 2 } }, step: undefined }] })).toBe(true);
    expect(ok('HistoryEntry', { ...entry, step: undefined })).toBe(false);
    expect(ok('HistoryEntry', { ...entry, action: 'update' })).toBe(false);
    expect(ok('HistoryEntry', { ...entry, step: { event: 'approved' } })).toBe(false);
  });

  test('notifications and outbox deliveries as the runtime sends them pass', () => {
    const notification = { id: ID, title: 'Approve?', body: null, entity: 'deal', recordId: ID, link: null, createdAt: AT, readAt: null };
    expect(ok('NotificationPage', { data: [notification], page: { next: null }, unread: 1 })).toBe(true);
    expect(ok('NotificationPage', { data: [notification], page: { next: null } })).toBe(false);
    expect(ok('NotificationsRead', { updated: 3 })).toBe(true);
    const delivery = {
      id: '42', key: 'k', kind: 'webhook', status: 'dead', attempts: 5, nextAt: null, leaseUntil: null, lastError: 'HTTP 500',
      createdAt: AT, sentAt: null, payload: { url: 'https://x:***@example.com/hook' },
    };
    expect(ok('OutboxPage', { data: [delivery], page: { next: 'abc' } })).toBe(true);
    expect(ok('OutboxDelivery', { ...delivery, id: 42 })).toBe(false);
    expect(ok('OutboxDelivery', { ...delivery, status: 'lost' })).toBe(false);
  });
});
