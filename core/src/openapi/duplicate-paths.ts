import type { JsonSchema } from '../fields/field-type';
import { isLocale, localize, type Locale } from '../i18n';
import type { EntityModel } from '../model/app-model';
import { errorResponses } from './problem';
import { entitySchemaRef } from './schemas';
import { READ_SECURITY, WRITE_SECURITY } from './security';
import { entitySummary } from './texts';
import { ref, type Parameter, type PathItem } from './types';

/** The most records one merge takes (runtime/src/http/routes/duplicates.ts); core cannot import the runtime. */
const MAX_MERGED = 50;

const TEXTS: Record<Locale, { allow: string; duplicates: string; merge: string }> = {
  en: {
    allow: 'Write the record even when a warn duplicate rule matches (409 duplicate.warning otherwise); a block rule always answers 409 duplicate.',
    duplicates: 'The records the caller may read that match this record, per duplicate rule over fields they may read; rules finding none are left out.',
    merge: 'Merges the records of "from" into this one in one transaction: the caller must be able to update it and delete each of them (404/403). '
      + 'Every lookup to a merged record then points here (an update in each record\'s history), their history and shares move here, they are deleted '
      + '(their running processes cancelled) and this record takes "values", checked like a PATCH. A unique key broken on the way answers 409 and changes nothing.',
  },
  'zh-CN': {
    allow: '即使匹配到“提醒”类查重规则也写入记录（否则返回 409 duplicate.warning）；“阻止”类规则总是返回 409 duplicate。',
    duplicates: '按查重规则（仅限调用者可读字段上的规则）列出与此记录匹配、且调用者可读的记录；没有匹配的规则不列出。',
    merge: '在一个事务中把 "from" 中的记录合并到此记录：调用者须能修改此记录并删除每条被合并的记录（否则 404/403）。'
      + '所有指向被合并记录的查找字段改为指向此记录（各自的修改历史记一条更新），被合并记录的历史与共享移到此记录，随后删除它们'
      + '（其运行中的流程被取消），此记录再按 "values" 修改（校验同 PATCH）。过程中违反唯一约束返回 409，且不做任何改动。',
  },
};

const texts = (locale: string) => TEXTS[isLocale(locale) ? locale : 'en'];

/** The allowDuplicates query parameter of the writes of an entity with duplicate rules (none without rules). */
export function allowDuplicatesParameters(entity: EntityModel, locale: string): Parameter[] {
  if (!entity.duplicateRules.length) return [];
  return [{ name: 'allowDuplicates', in: 'query', description: texts(locale).allow, schema: { type: 'boolean', default: false } }];
}

/** GET .../{id}/duplicates (for an entity with duplicate rules) and POST .../{id}/merge of an entity. */
export function duplicatePaths(entity: EntityModel, tag: string, locale: string): Record<string, PathItem> {
  const names = { one: localize(entity.label, locale, entity.name), many: localize(entity.pluralLabel, locale, entity.name) };
  const base = `/api/records/${entity.name}/{id}`;
  const merge: PathItem = {
    post: {
      operationId: `${entity.name}.merge`, summary: entitySummary('merge', names, locale), description: texts(locale).merge, tags: [tag],
      parameters: [ref('parameters', 'recordId'), ref('parameters', 'acceptLanguage'), ...allowDuplicatesParameters(entity, locale)],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: {
          type: 'object', required: ['from'], additionalProperties: false,
          properties: {
            from: { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: MAX_MERGED, uniqueItems: true, description: 'The records merged into this one.' },
            values: entitySchemaRef(entity.name, 'update'),
          },
        } } },
      },
      security: WRITE_SECURITY,
      responses: {
        200: { description: 'The record after the merge.', headers: { ETag: ref('headers', 'ETag') }, content: { 'application/json': { schema: entitySchemaRef(entity.name, 'record') } } },
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
      },
    },
  };
  if (!entity.duplicateRules.length) return { [`${base}/merge`]: merge };
  return {
    [`${base}/duplicates`]: {
      get: {
        operationId: `${entity.name}.duplicates`, summary: entitySummary('duplicates', names, locale), description: texts(locale).duplicates, tags: [tag],
        parameters: [ref('parameters', 'recordId'), ref('parameters', 'acceptLanguage')],
        security: READ_SECURITY,
        responses: { 200: { description: 'The matches, per rule.', content: { 'application/json': { schema: ref('schemas', 'Duplicates') } } }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    [`${base}/merge`]: merge,
  };
}

const recordRef: JsonSchema = {
  type: 'object', required: ['id', 'title'],
  properties: { id: { type: 'string', format: 'uuid' }, title: { description: 'The value of the title field the caller may read (the id otherwise).' } },
};

/** The schemas of duplicate reports: the duplicates of a record, a 409's error entries, and a merge's history step. */
export const duplicateSchemas = (): Record<string, JsonSchema> => ({
  Duplicates: {
    type: 'object', required: ['data'],
    properties: {
      data: { type: 'array', items: {
        type: 'object', required: ['rule', 'action', 'label', 'records'],
        properties: { rule: { type: 'string' }, action: { enum: ['warn', 'block'] }, label: { type: 'string' }, records: { type: 'array', items: recordRef } },
      } },
    },
  },
  DuplicateError: {
    type: 'object',
    description: 'An entry of "errors" in a 409 duplicate or duplicate.warning problem: a duplicate rule the record matches.',
    required: ['path', 'code', 'message', 'rule', 'fields', 'records'],
    properties: {
      path: { type: 'string', description: 'The rule\'s first field the caller may read ("/name"), under /records/<index> in a bulk request.' },
      code: { enum: ['duplicate', 'duplicate.warning'], description: 'duplicate for a block rule, duplicate.warning for a warn rule.' },
      message: { type: 'string' },
      rule: { type: 'string' },
      fields: { type: 'array', items: { type: 'string' } },
      records: { type: 'array', items: recordRef, description: 'The matching records the caller may read; a match they may not read blocks without being shown.' },
      item: { type: 'integer', minimum: 0, description: 'In a bulk request: the earlier item this one matches.' },
    },
  },
  MergeStep: {
    type: 'object', required: ['merged'], additionalProperties: false,
    description: 'What a merge did (a history entry of action "merge"): the records merged into this one.',
    properties: { merged: { type: 'array', items: { type: 'string', format: 'uuid' } } },
  },
});
