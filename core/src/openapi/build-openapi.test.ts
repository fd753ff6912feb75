import type { ProcessDefinition, ValidationRule } from '@tessera/metadata';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { entityForm } from '../forms/entity-form';
import { loadApp } from '../load/load-app';
import { memoryReader } from '../load/reader';
import type { AppModel } from '../model/app-model';
import { createAppModel } from '../model/create-app-model';
import { buildOpenApi } from './build-openapi';
import type { OpenAPIDocument, Operation, Response } from './types';

const rules: ValidationRule[] = [
  { name: 'won_needs_amount', when: { stage: 'won', amount: { $lte: 0 } }, field: 'amount', message: { en: 'A won deal needs an amount', 'zh-CN': '赢单需要金额' } },
  { name: 'discount_cap', when: { discount: { $gt: 50 } }, on: ['update'], message: { en: 'Too much discount', 'zh-CN': '折扣过高' } },
];

// One end node is graph enough: the document reads only a process's name, entity and trigger.
const processDef = (name: string, entity: string, on: ProcessDefinition['trigger']['on']): ProcessDefinition =>
  ({ name, entity, trigger: { on }, nodes: [{ id: 'done', type: 'end' }], edges: [] });

/**
 * A small CRM: lookups, picklists with labels, a formula, required fields, rules, two entities sharing a Chinese
 * label, a submit and a manual process on deals, a manual one on accounts.
 */
const crm = createAppModel({
  name: 'crm',
  label: { en: 'Test CRM', 'zh-CN': '测试客户管理' },
  version: '1.2.0',
  entities: [
    {
      origin: 'crm',
      definition: {
        name: 'account', label: { en: 'Account', 'zh-CN': '客户' }, pluralLabel: { en: 'Accounts', 'zh-CN': '客户' },
        description: { en: 'Companies we sell to', 'zh-CN': '我们的客户公司' },
        fields: {
          name: { type: 'text', required: true, maxLength: 200, label: { en: 'Name', 'zh-CN': '名称' } },
          industry: { type: 'picklist', options: [{ value: 'tech', label: { en: 'Technology', 'zh-CN': '科技' } }, 'retail'] },
          website: { type: 'url' },
          tags: { type: 'multiPicklist', options: ['a', 'b'] },
        },
        duplicateRules: [{ name: 'same_name', fields: [{ field: 'name', match: 'normalized' }], action: 'warn' }],
      },
    },
    {
      origin: 'crm',
      definition: {
        name: 'deal', label: { en: 'Deal', 'zh-CN': '交易' }, pluralLabel: { en: 'Deals', 'zh-CN': '交易' },
        fields: {
          name: { type: 'text', required: true, maxLength: 100, label: { en: 'Name', 'zh-CN': '名称' } },
          account: { type: 'lookup', target: 'account', required: true, label: { en: 'Account', 'zh-CN': '客户' } },
          stage: { type: 'picklist', required: true, options: [{ value: 'open', label: { en: 'Open', 'zh-CN': '进行中' } }, { value: 'won', label: { en: 'Won', 'zh-CN': '赢单' } }] },
          amount: { type: 'currency', currency: 'CNY', min: 0, label: { en: 'Amount', 'zh-CN': '金额' } },
          discount: { type: 'percent' },
          closeDate: { type: 'date' },
          expected: { type: 'formula', expression: 'amount * 2', resultType: 'currency' },
          notes: { type: 'longText' },
        },
        rules,
      },
    },
    { origin: 'crm', definition: { name: 'customer', label: { en: 'Customer', 'zh-CN': '客户' }, fields: { name: { type: 'text' } } } },
  ],
  // ghost_review's entity is not in the model (as an entity the caller may not read is not): the document leaves it out.
  processes: [
    processDef('deal_approval', 'deal', 'submit'), processDef('account_review', 'account', 'manual'), processDef('deal_review', 'deal', 'manual'),
    processDef('ghost_review', 'ghost', 'manual'),
  ],
});

// A record action a plugin's code registered, so the validator sees its path too.
const recordActions = [{ entity: 'deal', name: 'close', label: { en: 'Close', 'zh-CN': '关闭' }, requires: 'update' as const }];
const en = buildOpenApi(crm, { locale: 'en', serverUrl: 'https://crm.example.com', recordActions });
const zh = buildOpenApi(crm, { locale: 'zh-CN', recordActions });

// The validator is ESM-only and jest (Node 20) cannot load ESM from CommonJS tests, so it runs in a child Node.
const VALIDATE = `import { Validator } from '@seriousme/openapi-schema-validator';
let text = ''; for await (const chunk of process.stdin) text += chunk;
process.stdout.write(JSON.stringify(await new Validator().validate(JSON.parse(text))));`;

/** Validates documents against the official OpenAPI 3.1 schema (and checks that every $ref resolves). */
function validateOpenApi(doc: OpenAPIDocument): { valid: boolean; errors?: unknown } {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', VALIDATE], { input: JSON.stringify(doc), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { valid: boolean; errors?: unknown };
}

const operations = (doc: OpenAPIDocument): Array<[string, string, Operation]> =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]): [string, string, Operation] => [path, method, op]));

describe('buildOpenApi', () => {
  test.each([['en', en], ['zh-CN', zh]])('the %s document is valid OpenAPI 3.1', (_locale, doc) => {
    expect(validateOpenApi(doc)).toEqual({ valid: true });
  });

  test('a plugin\'s record action has its path', () => {
    expect(en.paths['/api/records/deal/{id}/actions/close']!.post!.summary).toBe('Close');
    expect(zh.paths['/api/records/deal/{id}/actions/close']!.post!.summary).toBe('关闭');
  });

  test('the validator catches a broken document', () => {
    const broken = { ...en, paths: { ...en.paths, '/api/x': { get: { operationId: 'x', summary: 'x', responses: { 200: { $ref: '#/components/responses/Nope' } } } } } };
    expect(validateOpenApi(broken).valid).toBe(false);
    expect(validateOpenApi({ ...en, info: { title: 'x' } } as unknown as OpenAPIDocument).valid).toBe(false);
  });

  test('every entity has its five record operations, bulk create, history and aggregates', () => {
    for (const entity of Object.keys(crm.entities)) {
      const ids = operations(en).map(([path, method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`);
      const base = `/api/records/${entity}`;
      expect(ids).toEqual(expect.arrayContaining([
        `GET ${base} ${entity}.list`, `POST ${base} ${entity}.create`, `GET ${base}/{id} ${entity}.get`,
        `PATCH ${base}/{id} ${entity}.update`, `DELETE ${base}/{id} ${entity}.delete`,
        `POST ${base}/bulk ${entity}.bulk`, `GET ${base}/{id}/history ${entity}.history`, `GET ${base}/aggregate ${entity}.aggregate`,
      ]));
    }
    expect(Object.keys(en.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/auth/logout', '/api/auth/me', '/api/meta', '/api/meta/entities/{name}/form', '/api/health']));
  });

  test('records are shared and handed over, only owned ones transferred; admins edit roles', () => {
    const ids = operations(en).map(([path, method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`);
    for (const entity of Object.values(crm.entities)) {
      const base = `/api/records/${entity.name}`;
      expect(ids).toEqual(expect.arrayContaining([
        `GET ${base}/{id}/shares ${entity.name}.shares`, `POST ${base}/{id}/shares ${entity.name}.share`, `DELETE ${base}/{id}/shares/{shareId} ${entity.name}.unshare`,
      ]));
      expect(ids.includes(`POST ${base}/{id}/owner ${entity.name}.transfer`)).toBe(entity.ownership === 'user');
    }
    expect(ids).toEqual(expect.arrayContaining(['GET /api/roles roles.roles', 'GET /api/roles/{name} roles.role', 'PUT /api/roles/{name} roles.putRole', 'DELETE /api/roles/{name} roles.deleteRole']));
    expect(zh.paths['/api/roles/{name}']!.put!.summary).toBe('定义或修改角色');
    const aggregate = en.paths['/api/records/deal/aggregate']!.get!;
    expect((aggregate.parameters as Array<{ $ref: string }>).map((p) => p.$ref.split('/').pop())).toEqual(['groupBy', 'measures', 'filter', 'where', 'aggregateLimit']);
    expect(zh.paths['/api/records/deal/aggregate']!.get!.summary).toMatch(/^按分组汇总/);
  });

  test('every entity takes a submit, a recall and lists its instances; manual starts only where a manual process runs', () => {
    const ids = operations(en).map(([path, method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`);
    for (const entity of Object.keys(crm.entities)) {
      const base = `/api/records/${entity}`;
      expect(ids).toEqual(expect.arrayContaining([
        `POST ${base}/{id}/submit ${entity}.submit`, `POST ${base}/{id}/recall ${entity}.recall`, `GET ${base}/{id}/processes ${entity}.processes`,
      ]));
      expect(Object.keys(en.paths[`${base}/{id}/submit`]!)).toEqual(['post']);
      expect(Object.keys(en.paths[`${base}/{id}/processes`]!)).toEqual(['get']);
    }
    const starts = Object.keys(en.paths).filter((path) => path.endsWith('/processes/{process}'));
    expect(starts.sort()).toEqual(['/api/records/account/{id}/processes/{process}', '/api/records/deal/{id}/processes/{process}']);
    const processParam = (entity: string) => en.paths[`/api/records/${entity}/{id}/processes/{process}`]!.post!.parameters!.find((p) => 'name' in p && p.name === 'process');
    expect(processParam('deal')).toMatchObject({ in: 'path', required: true, schema: { enum: ['deal_review'] } });
    expect(processParam('account')).toMatchObject({ schema: { enum: ['account_review'] } });

    const submit = en.paths['/api/records/deal/{id}/submit']!.post!;
    expect(submit.requestBody).toEqual({ required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/SubmitRequest' } } } });
    expect(Object.keys(submit.responses)).toEqual(['201', '400', '401', '403', '404', '409', '413', '415', '422']);
    expect(submit.responses['201']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/InstanceState' } } } });
    expect(en.paths['/api/records/deal/{id}/recall']!.post!.responses['200']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/InstanceState' } } } });
    expect(en.paths['/api/records/deal/{id}/processes']!.get!.responses['200']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Instances' } } } });
    expect(zh.paths['/api/records/deal/{id}/submit']!.post!.summary).toBe('提交交易审批');
  });

  test('processes, approval tasks, notifications and the outbox have their paths, methods and tags', () => {
    const ids = operations(en).filter(([path]) => !path.startsWith('/api/records/')).map(([path, method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`);
    expect(ids).toEqual(expect.arrayContaining([
      'GET /api/processes processes.processes', 'GET /api/processes/{name}/instances processes.instanceCounts',
      'GET /api/tasks tasks.tasks', 'GET /api/tasks/{id} tasks.task', 'POST /api/tasks/{id}/decision tasks.decide',
      'GET /api/notifications notifications.notifications', 'POST /api/notifications/{id}/read notifications.read',
      'POST /api/notifications/read notifications.readAll', 'GET /api/outbox notifications.outbox', 'POST /api/outbox/{id}/retry notifications.retry',
    ]));
    for (const path of ['/api/tasks', '/api/tasks/{id}', '/api/processes', '/api/notifications', '/api/outbox']) expect(Object.keys(en.paths[path]!)).toEqual(['get']);
    for (const path of ['/api/tasks/{id}/decision', '/api/notifications/{id}/read', '/api/notifications/read', '/api/outbox/{id}/retry']) expect(Object.keys(en.paths[path]!)).toEqual(['post']);
    expect(en.paths['/api/processes/{name}/instances']!.get!.parameters).toEqual([expect.objectContaining({ name: 'name', schema: { enum: ['deal_approval', 'account_review', 'deal_review'] } })]);

    const decide = en.paths['/api/tasks/{id}/decision']!.post!;
    expect(Object.keys(decide.responses)).toEqual(expect.arrayContaining(['200', '409', '412']));
    expect(decide.responses['200']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/TaskView' } } } });
    const tasks = en.paths['/api/tasks']!.get!;
    expect(tasks.parameters!.map((p) => ('name' in p ? p.name : p.$ref))).toEqual(['assignee', 'status', '#/components/parameters/pageLimit', '#/components/parameters/pageCursor']);
    expect(en.components.parameters.pageLimit!.schema).toEqual({ type: 'integer', minimum: 1, maximum: 200, default: 50 });
    expect(tasks.responses['200']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/TaskPage' } } } });

    expect(en.tags.map((t) => t.name)).toEqual(expect.arrayContaining(['Processes', 'Approval tasks', 'Notifications']));
    expect(zh.tags.map((t) => t.name)).toEqual(expect.arrayContaining(['流程', '审批任务', '通知']));
    expect(zh.paths['/api/tasks/{id}/decision']!.post!.tags).toEqual(['审批任务']);
    expect(zh.paths['/api/outbox']!.get!.tags).toEqual(['通知']);
    expect(zh.paths['/api/tasks/{id}/decision']!.post!.summary).toBe('处理审批任务');
  });

  test('every operation has a summary in each language, and operation ids are unique', () => {
    const cjk = /[\u4e00-\u9fff]/;
    expect(operations(zh).map(([, , op]) => op.operationId)).toEqual(operations(en).map(([, , op]) => op.operationId));
    for (const [path, method, op] of operations(en)) {
      const chinese = zh.paths[path]![method as 'get']!.summary;
      expect([path, method, cjk.test(op.summary)]).toEqual([path, method, false]);
      expect([path, method, cjk.test(chinese)]).toEqual([path, method, true]);
    }
    const ids = operations(en).map(([, , op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('a decision is one of the runtime\'s decision kinds, with the members each takes', () => {
    // Literal on purpose: core cannot import the runtime's registry (runtime/src/process/decisions, decisionKinds), so a
    // runtime test compares this enum with the registry's names; keep the two in sync when a decision kind is added.
    const decision = en.components.schemas.DecisionRequest as { properties: Record<string, { enum?: string[] }> };
    expect(decision.properties.decision!.enum).toEqual(['approve', 'reject', 'return', 'delegate', 'addApprover']);
    expect(Object.keys(decision.properties)).toEqual(['decision', 'comment', 'to', 'until', 'revision']);
  });

  test('history entries may be process steps or merges', () => {
    const entry = en.components.schemas.HistoryEntry as { properties: Record<string, unknown> };
    expect(entry.properties.action).toEqual({ enum: ['create', 'update', 'delete', 'process', 'merge'] });
    expect(entry.properties.step).toEqual({ oneOf: [{ $ref: '#/components/schemas/HistoryStep' }, { $ref: '#/components/schemas/MergeStep' }] });
    expect((en.components.schemas.HistoryStep as { required: string[] }).required).toEqual(['process', 'version', 'instanceId', 'event']);
  });

  test('the body schemas are the forms\' very schemas', () => {
    expect(en.components.schemas['deal.create']).toEqual(entityForm(crm, 'deal', { locale: 'en', variant: 'create' }).schema);
    expect(en.components.schemas['deal.update']).toEqual(entityForm(crm, 'deal', { locale: 'en', variant: 'update' }).schema);
    expect(zh.components.schemas['deal.create']).toEqual(entityForm(crm, 'deal', { locale: 'zh-CN', variant: 'create' }).schema);
    const create = operations(en).find(([, , op]) => op.operationId === 'deal.create')![2];
    expect(create.requestBody!.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/deal.create' });
  });

  test('every error response is problem+json with the shared Problem schema', () => {
    const statuses = operations(en).flatMap(([, , op]) => Object.entries(op.responses).filter(([status]) => Number(status) >= 400));
    expect(statuses.length).toBeGreaterThan(50);
    for (const [, response] of statuses) {
      const name = (response as { $ref: string }).$ref.replace('#/components/responses/', '');
      expect(Object.keys(en.components.responses[name]!.content!)).toEqual(['application/problem+json']);
      expect(en.components.responses[name]!.content!['application/problem+json']!.schema).toEqual({ $ref: '#/components/schemas/Problem' });
    }
  });

  test('PATCH and DELETE take an optional If-Match and answer 412 when it is stale; reads carry ETag', () => {
    for (const [, method, op] of operations(en).filter(([path]) => path === '/api/records/deal/{id}')) {
      const writes = method !== 'get';
      expect(op.parameters).toEqual(writes ? expect.arrayContaining([{ $ref: '#/components/parameters/ifMatch' }]) : expect.any(Array));
      expect(Object.keys(op.responses)).toEqual(writes ? expect.arrayContaining(['412']) : expect.not.arrayContaining(['412']));
    }
    const read = operations(en).find(([, , op]) => op.operationId === 'deal.get')![2].responses['200'] as Response;
    expect(read.headers).toEqual({ ETag: { $ref: '#/components/headers/ETag' } });
    expect(en.components.parameters.ifMatch).toMatchObject({ in: 'header', name: 'If-Match', required: false });
  });

  test('list parameters follow DESIGN.md §4: limit 1..500, default 50', () => {
    const list = operations(en).find(([, , op]) => op.operationId === 'deal.list')![2];
    expect(list.parameters!.map((p) => (p as { $ref: string }).$ref.split('/').pop())).toEqual(['filter', 'where', 'sort', 'fields', 'expand', 'limit', 'cursor', 'offset', 'count']);
    expect(en.components.parameters.limit!.schema).toEqual({ type: 'integer', minimum: 1, maximum: 500, default: 50 });
  });

  test('labels in the requested language become tags, summaries and titles', () => {
    expect(en.tags.map((t) => t.name)).toEqual(expect.arrayContaining(['Accounts', 'Deals']));
    expect(zh.tags.map((t) => t.name)).toEqual(expect.arrayContaining(['客户 (account)', '客户 (customer)', '交易', '认证']));
    expect(zh.info.title).toBe('测试客户管理');
    const summaries = operations(zh).map(([, , op]) => op.summary);
    expect(summaries).toEqual(expect.arrayContaining(['新建交易', '查询交易列表', '修改交易', '登录']));
    expect(zh.components.schemas['deal.record']!.title).toBe('交易');
    expect(zh.tags.find((t) => t.name === '客户 (account)')!.description).toBe('我们的客户公司');
    expect(new Set(zh.tags.map((t) => t.name)).size).toBe(zh.tags.length);
  });

  test('component names are stable and valid', () => {
    const names = Object.values(en.components).flatMap((section) => Object.keys(section));
    expect(names.filter((name) => !/^[a-zA-Z0-9._-]+$/.test(name))).toEqual([]);
    expect(Object.keys(en.components.schemas)).toEqual(Object.keys(zh.components.schemas));
    expect(en.servers).toEqual([{ url: 'https://crm.example.com' }]);
    expect(zh.servers).toBeUndefined();
  });

  test('login and health are public; unsafe operations take a bearer token or the cookie with its CSRF header', () => {
    const security = (id: string) => operations(en).find(([, , op]) => op.operationId === id)![2].security;
    expect(security('auth.login')).toEqual([]);
    expect(security('health.health')).toEqual([]);
    expect(security('deal.update')).toEqual([{ bearerAuth: [] }, { cookieAuth: [], csrfToken: [] }]);
    expect(security('deal.list')).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
  });
});

const SALES = join(__dirname, '../../../metadata/fixtures/valid/sales');
const walk = (dir: string): string[] =>
  readdirSync(dir).sort().flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));

describe('buildOpenApi on the sales fixture app', () => {
  let sales: AppModel;
  beforeAll(async () => {
    const result = await loadApp(memoryReader(Object.fromEntries(walk(SALES).map((file) => [relative(SALES, file).split('\\').join('/'), readFileSync(file, 'utf8')]))));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    sales = result.app;
  });

  test.each(['en', 'zh-CN'])('the %s document is valid OpenAPI 3.1', (locale) => {
    expect(validateOpenApi(buildOpenApi(sales, { locale }))).toEqual({ valid: true });
  });

  test('every entity has its operations and the forms\' body schemas', () => {
    const doc = buildOpenApi(sales, { locale: 'zh-CN' });
    expect(Object.keys(sales.entities)).toEqual(expect.arrayContaining(['opportunity', 'opportunity_line', 'account', 'user', 'team']));
    for (const entity of Object.keys(sales.entities)) {
      const ids = operations(doc).map(([, , op]) => op.operationId);
      expect(ids).toEqual(expect.arrayContaining(['list', 'create', 'get', 'update', 'delete'].map((o) => `${entity}.${o}`)));
      expect(doc.components.schemas[`${entity}.create`]).toEqual(entityForm(sales, entity, { locale: 'zh-CN', variant: 'create' }).schema);
      expect(doc.components.schemas[`${entity}.update`]).toEqual(entityForm(sales, entity, { locale: 'zh-CN', variant: 'update' }).schema);
    }
    expect(operations(doc).map(([, , op]) => op.summary)).toEqual(expect.arrayContaining(['新建商机', '删除商机']));
  });
});
