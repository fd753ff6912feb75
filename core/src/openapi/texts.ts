import { isLocale, type Locale } from '../i18n';

/** The operations every entity has. */
export type EntityOperation = 'aggregate' | 'export' | 'import' | 'list' | 'create' | 'get' | 'update' | 'delete' | 'bulk' | 'history' | 'shares' | 'share' | 'unshare' | 'transfer'
  | 'submit' | 'recall' | 'startProcess' | 'processes' | 'duplicates' | 'merge';

/** An entity's labels in the document's language. */
export interface EntityNames {
  readonly one: string;
  readonly many: string;
}

const ENTITY_SUMMARIES: Record<Locale, Record<EntityOperation, (e: EntityNames) => string>> = {
  en: {
    list: (e) => `List ${e.many}`,
    create: (e) => `Create ${e.one}`,
    get: (e) => `Read ${e.one}`,
    update: (e) => `Update ${e.one}`,
    delete: (e) => `Delete ${e.one}`,
    bulk: (e) => `Create ${e.many} in bulk`,
    history: (e) => `${e.one} history`,
    shares: (e) => `Shares of ${e.one}`,
    share: (e) => `Share ${e.one}`,
    unshare: (e) => `Stop sharing ${e.one}`,
    transfer: (e) => `Transfer ${e.one} to another owner`,
    aggregate: (e) => `Aggregate ${e.many} by groups`,
    export: (e) => `Export ${e.many} as CSV or XLSX`,
    import: (e) => `Import ${e.many} from CSV, XLSX or JSON lines`,
    submit: (e) => `Submit ${e.one} for approval`,
    recall: (e) => `Recall the submission of ${e.one}`,
    startProcess: (e) => `Start a process on ${e.one}`,
    processes: (e) => `Processes on ${e.one}`,
    duplicates: (e) => `Possible duplicates of ${e.one}`,
    merge: (e) => `Merge other ${e.many} into this ${e.one}`,
  },
  'zh-CN': {
    list: (e) => `查询${e.many}列表`,
    create: (e) => `新建${e.one}`,
    get: (e) => `读取${e.one}`,
    update: (e) => `修改${e.one}`,
    delete: (e) => `删除${e.one}`,
    bulk: (e) => `批量新建${e.many}`,
    history: (e) => `${e.one}的修改历史`,
    shares: (e) => `${e.one}的共享`,
    share: (e) => `共享${e.one}`,
    unshare: (e) => `取消共享${e.one}`,
    transfer: (e) => `转移${e.one}的负责人`,
    aggregate: (e) => `按分组汇总${e.many}`,
    export: (e) => `导出${e.many}（CSV 或 XLSX）`,
    import: (e) => `从 CSV、XLSX 或 JSON Lines 导入${e.many}`,
    submit: (e) => `提交${e.one}审批`,
    recall: (e) => `撤回${e.one}的审批`,
    startProcess: (e) => `对${e.one}发起流程`,
    processes: (e) => `${e.one}的流程实例`,
    duplicates: (e) => `${e.one}的疑似重复记录`,
    merge: (e) => `将其他${e.many}合并到此${e.one}`,
  },
};

/** The operations outside the records API. */
export type ApiOperation = 'login' | 'logout' | 'me' | 'meta' | 'form' | 'health' | 'openapi' | 'roles' | 'role' | 'putRole' | 'deleteRole'
  | 'processes' | 'instanceCounts' | 'tasks' | 'task' | 'decide' | 'notifications' | 'read' | 'readAll' | 'outbox' | 'retry' | 'search' | 'job';

const API_SUMMARIES: Record<Locale, Record<ApiOperation, string>> = {
  en: {
    login: 'Sign in',
    logout: 'Sign out',
    me: 'The signed-in user',
    meta: 'The app model',
    form: "An entity's form (JSON Schema and uiSchema)",
    health: 'Liveness and database reachability',
    openapi: 'This OpenAPI document',
    roles: 'Every role in force',
    role: 'A role',
    putRole: 'Define or change a role',
    deleteRole: 'Remove a role defined through the API',
    processes: 'The processes',
    instanceCounts: "A process's instances by status and node",
    tasks: 'Approval tasks',
    task: 'An approval task',
    decide: 'Decide an approval task',
    notifications: 'My notifications',
    read: 'Mark a notification read',
    readAll: 'Mark every notification read',
    outbox: 'Outgoing e-mails and webhooks',
    retry: 'Send a dead delivery again',
    search: 'Search records across entities',
    job: 'A background job (an import): status, progress and result',
  },
  'zh-CN': {
    login: '登录',
    logout: '退出登录',
    me: '当前用户',
    meta: '应用模型',
    form: '实体表单（JSON Schema 与 uiSchema）',
    health: '存活与数据库连通性检查',
    openapi: '本 OpenAPI 文档',
    roles: '现行的全部角色',
    role: '读取角色',
    putRole: '定义或修改角色',
    deleteRole: '删除通过接口定义的角色',
    processes: '流程列表',
    instanceCounts: '流程实例的状态与节点统计',
    tasks: '审批任务列表',
    task: '读取审批任务',
    decide: '处理审批任务',
    notifications: '我的通知',
    read: '标记通知为已读',
    readAll: '全部标记为已读',
    outbox: '外发邮件与 Webhook',
    retry: '重新发送失败的投递',
    search: '跨实体搜索记录',
    job: '后台任务（如导入）的状态、进度与结果',
  },
};

const shipped = (locale: string): Locale => (isLocale(locale) ? locale : 'en');

/** The summary of an entity operation in a language (English for a language Tessera does not ship). */
export const entitySummary = (operation: EntityOperation, names: EntityNames, locale: string): string =>
  ENTITY_SUMMARIES[shipped(locale)][operation](names);

/** The summary of an operation outside the records API in a language. */
export const apiSummary = (operation: ApiOperation, locale: string): string => API_SUMMARIES[shipped(locale)][operation];

/** The groups of operations outside the records API, in the order their tags are listed. */
export const API_GROUPS = ['auth', 'meta', 'search', 'jobs', 'roles', 'processes', 'tasks', 'notifications', 'health'] as const;

/** A group of operations outside the records API. */
export type ApiGroup = (typeof API_GROUPS)[number];

const API_TAGS: Record<Locale, Record<ApiGroup, string>> = {
  en: { auth: 'Authentication', meta: 'Metadata', search: 'Search', jobs: 'Jobs', roles: 'Roles', processes: 'Processes', tasks: 'Approval tasks', notifications: 'Notifications', health: 'Operations' },
  'zh-CN': { auth: '认证', meta: '元数据', search: '搜索', jobs: '后台任务', roles: '角色', processes: '流程', tasks: '审批任务', notifications: '通知', health: '运维' },
};

/** The tag of a group of operations outside the records API, in a language. */
export const apiTag = (group: ApiGroup, locale: string): string => API_TAGS[shipped(locale)][group];
