import { isLocale, localize, type Locale } from '../i18n';
import { IMPORT_FORMATS, IMPORT_MEDIA_TYPES, upsertKeys } from '../import/import-options';
import type { EntityModel } from '../model/app-model';
import { json } from './entity-paths';
import { errorResponses } from './problem';
import { READ_SECURITY, WRITE_SECURITY } from './security';
import { apiSummary, apiTag, entitySummary } from './texts';
import { ref, type PathItem } from './types';

const DESCRIPTIONS: Record<Locale, string> = {
  en: 'Starts an import of the body (CSV in UTF-8 or GB18030, XLSX, or JSON lines) and answers its job at once (202, '
    + 'Location /api/jobs/{id}). The first line names the columns: a field\'s name or label in any language, or '
    + '"field.otherField" to find a lookup\'s record by another field. Cells are read as each field type reads them. '
    + 'Every line is checked as a create (or, for an upsert, an update) through the API would be, by the caller\'s '
    + 'roles, and written with its history. With onError=rollback nothing is written if any line is refused; with '
    + 'skip the other lines are. The job\'s result lists each refused line with its number, column and reason.',
  'zh-CN': '开始导入请求体（UTF-8 或 GB18030 编码的 CSV、XLSX 或 JSON Lines），立即返回后台任务（202，Location 为 /api/jobs/{id}）。'
    + '首行为列名：字段名或任一语言的字段标签，或用 "字段.其他字段" 按其他字段查找关联记录。单元格按字段类型解析。'
    + '每一行都按调用者的角色像通过接口新建（更新插入时为更新）一样校验，并写入修改历史。onError=rollback 时任一行被拒绝则不写入任何数据；'
    + 'skip 时写入其余各行。任务结果列出每个被拒绝行的行号、列与原因。',
};

const LINE_ERROR = {
  type: 'object', required: ['line', 'code', 'message'],
  properties: { line: { type: 'integer' }, column: { type: 'string' }, field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
};
const COUNT = { type: 'integer', minimum: 0 };
const PROGRESS = {
  type: 'object',
  properties: {
    lines: COUNT, bytes: COUNT, totalBytes: COUNT, inserted: COUNT, updated: COUNT, unchanged: COUNT, failed: COUNT,
    percent: { type: 'integer', minimum: 0, maximum: 100 },
  },
};
const JOB = {
  type: 'object', required: ['id', 'kind', 'status', 'progress', 'createdAt'],
  properties: {
    id: { type: 'string', format: 'uuid' }, kind: { const: 'import' }, entity: { type: ['string', 'null'] },
    status: { enum: ['running', 'succeeded', 'failed'] }, progress: PROGRESS,
    result: {
      type: ['object', 'null'],
      properties: {
        ...PROGRESS.properties, written: { type: 'boolean' }, errors: { type: 'array', items: LINE_ERROR }, errorsTruncated: { type: 'boolean' },
        warnings: { type: 'array', items: LINE_ERROR }, error: { type: 'string' },
        ignoredColumns: { type: 'array', items: { type: 'object', properties: { index: COUNT, header: { type: 'string' }, reason: { enum: ['unknown', 'readOnly', 'ignored'] } } } },
      },
    },
    createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' }, finishedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

/** POST /api/records/<entity>/import: a file in, a job out. */
export function importPaths(entity: EntityModel, tag: string, locale: string): Record<string, PathItem> {
  const names = { one: localize(entity.label, locale, entity.name), many: localize(entity.pluralLabel, locale, entity.name) };
  const keys = upsertKeys(entity).map((k) => k.join(','));
  const text = { schema: { type: 'string' } };
  return {
    [`/api/records/${entity.name}/import`]: {
      post: {
        operationId: `${entity.name}.import`,
        summary: entitySummary('import', names, locale),
        description: DESCRIPTIONS[isLocale(locale) ? locale : 'en'],
        tags: [tag],
        parameters: [
          { name: 'format', in: 'query', description: 'The file format; the Content-Type says it when left out.', schema: { enum: [...IMPORT_FORMATS] } },
          { name: 'mode', in: 'query', description: 'insert every line, or upsert: update the record whose key matches a line.', schema: { enum: ['insert', 'upsert'], default: 'insert' } },
          { name: 'key', in: 'query', description: 'The fields identifying a record for an upsert (comma-separated).', schema: { enum: keys, default: 'id' } },
          { name: 'onError', in: 'query', description: 'rollback: any refused line writes nothing; skip: the other lines are written.', schema: { enum: ['rollback', 'skip'], default: 'rollback' } },
          { name: 'mapping', in: 'query', description: 'A JSON object from column header to field ("field.otherField" for a lookup), or null to leave a column out.', schema: { type: 'string' } },
          ref('parameters', 'acceptLanguage'),
        ],
        requestBody: {
          required: true,
          content: Object.fromEntries(Object.entries(IMPORT_MEDIA_TYPES).map(([type, format]) => [type, format === 'xlsx' ? { schema: { type: 'string', format: 'binary' } } : text])),
        },
        security: WRITE_SECURITY,
        responses: {
          202: {
            description: 'The import started; follow its job.',
            headers: { Location: { description: '/api/jobs/{id}', required: true, schema: { type: 'string' } } },
            content: json({ type: 'object', required: ['id', 'status', 'href'], properties: { id: { type: 'string', format: 'uuid' }, status: { const: 'running' }, href: { type: 'string' } } }),
          },
          ...errorResponses(400, 401, 403, 404, 413, 415),
        },
      },
    },
  };
}

/** GET /api/jobs/{id}: a background job of the caller's (any job, for administrators). */
export function jobPaths(locale: string): Record<string, PathItem> {
  return {
    '/api/jobs/{id}': {
      get: {
        operationId: 'jobs.job',
        summary: apiSummary('job', locale),
        tags: [apiTag('jobs', locale)],
        parameters: [{ name: 'id', in: 'path', required: true, description: 'The job id.', schema: { type: 'string', format: 'uuid' } }],
        security: READ_SECURITY,
        responses: { 200: { description: 'The job.', content: json(JOB) }, ...errorResponses(401, 404) },
      },
    },
  };
}
