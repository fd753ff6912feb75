import type { JsonSchema } from '../fields/field-type';
import { localize } from '../i18n';
import type { EntityModel } from '../model/app-model';
import { allowDuplicatesParameters } from './duplicate-paths';
import { LIST_PARAMETERS } from './parameters';
import { errorResponses } from './problem';
import { entitySchemaRef, type EntitySchemaKind } from './schemas';
import { READ_SECURITY, WRITE_SECURITY } from './security';
import { entitySummary, type EntityNames, type EntityOperation } from './texts';
import { ref, type Content, type Operation, type PathItem, type RequestBody, type Response } from './types';

/** A JSON body or answer with the given schema. */
export const json = (schema: JsonSchema): Content => ({ 'application/json': { schema } });

const body = (entity: string, kind: EntitySchemaKind, description: string): RequestBody =>
  ({ required: true, description, content: json(entitySchemaRef(entity, kind)) });

const withRecord = (entity: string, description: string, created = false): Response => ({
  description,
  headers: { ETag: ref('headers', 'ETag'), ...(created ? { Location: ref('headers', 'Location') } : {}) },
  content: json(entitySchemaRef(entity, 'record')),
});

const instance = (description: string): Response => ({ description, content: json(ref('schemas', 'InstanceState')) });

const params = (...names: readonly string[]) => names.map((name) => ref('parameters', name));

/**
 * The records API of one entity: list, create, read, update, delete, bulk create, history, sharing, owner transfer,
 * and its processes (submit, recall, a manual start of one of `manualProcesses`, the instances on a record).
 */
export function entityPaths(entity: EntityModel, tag: string, locale: string, manualProcesses: readonly string[]): Record<string, PathItem> {
  const names: EntityNames = { one: localize(entity.label, locale, entity.name), many: localize(entity.pluralLabel, locale, entity.name) };
  const e = entity.name;
  const op = (operation: EntityOperation, rest: Omit<Operation, 'operationId' | 'summary' | 'tags'>): Operation =>
    ({ operationId: `${e}.${operation}`, summary: entitySummary(operation, names, locale), tags: [tag], ...rest });
  const base = `/api/records/${e}`;
  return {
    [base]: {
      get: op('list', {
        parameters: params(...LIST_PARAMETERS),
        security: READ_SECURITY,
        responses: { 200: { description: 'One page of records.', content: json(entitySchemaRef(e, 'page')) }, ...errorResponses(400, 401, 403) },
      }),
      post: op('create', {
        parameters: [...params('acceptLanguage'), ...allowDuplicatesParameters(entity, locale)],
        requestBody: body(e, 'create', 'The new record; read-only fields may not be sent.'),
        security: WRITE_SECURITY,
        responses: { 201: withRecord(e, 'The created record.', true), ...errorResponses(400, 401, 403, 409, 413, 415, 422) },
      }),
    },
    [`${base}/aggregate`]: {
      get: op('aggregate', {
        description: 'Groups and measures over the records and fields the caller may read; the filter language of lists.',
        parameters: params('groupBy', 'measures', 'filter', 'where', 'aggregateLimit'),
        security: READ_SECURITY,
        responses: { 200: { description: 'The groups, ordered by their keys.', content: json(ref('schemas', 'AggregateResult')) }, ...errorResponses(400, 401, 403, 404) },
      }),
    },
    [`${base}/{id}`]: {
      get: op('get', {
        parameters: params('recordId'),
        security: READ_SECURITY,
        responses: { 200: withRecord(e, 'The record.'), ...errorResponses(400, 401, 403, 404) },
      }),
      patch: op('update', {
        parameters: [...params('recordId', 'ifMatch', 'acceptLanguage'), ...allowDuplicatesParameters(entity, locale)],
        requestBody: body(e, 'update', 'The fields to change; the rules apply to the record as it will be.'),
        security: WRITE_SECURITY,
        responses: { 200: withRecord(e, 'The updated record.'), ...errorResponses(400, 401, 403, 404, 409, 412, 413, 415, 422) },
      }),
      delete: op('delete', {
        parameters: params('recordId', 'ifMatch'),
        security: WRITE_SECURITY,
        responses: { 204: { description: 'Deleted.' }, ...errorResponses(400, 401, 403, 404, 409, 412) },
      }),
    },
    [`${base}/bulk`]: {
      post: op('bulk', {
        parameters: [...params('acceptLanguage'), ...allowDuplicatesParameters(entity, locale)],
        requestBody: body(e, 'bulkRequest', 'Records to create; all or nothing unless allOrNothing is false.'),
        security: WRITE_SECURITY,
        responses: {
          200: { description: 'A result per record, in request order.', content: json(entitySchemaRef(e, 'bulkResult')) },
          ...errorResponses(400, 401, 403, 409, 413, 415, 422),
        },
      }),
    },
    [`${base}/{id}/history`]: {
      get: op('history', {
        parameters: params('recordId'),
        security: READ_SECURITY,
        responses: { 200: { description: 'Every change, newest first.', content: json(ref('schemas', 'History')) }, ...errorResponses(400, 401, 403, 404) },
      }),
    },
    [`${base}/{id}/shares`]: {
      get: op('shares', {
        parameters: params('recordId'),
        security: READ_SECURITY,
        responses: { 200: { description: 'The users and departments the record is shared with.', content: json(ref('schemas', 'Shares')) }, ...errorResponses(401, 403, 404) },
      }),
      post: op('share', {
        parameters: params('recordId'),
        requestBody: { required: true, content: json(ref('schemas', 'ShareRequest')) },
        security: WRITE_SECURITY,
        responses: { 201: { description: 'The share (a repeated grant changes its access).', content: json(ref('schemas', 'Share')) }, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      }),
    },
    [`${base}/{id}/shares/{shareId}`]: {
      delete: op('unshare', {
        parameters: [...params('recordId'), { name: 'shareId', in: 'path', required: true, description: 'The share id.', schema: { type: 'string', format: 'uuid' } }],
        security: WRITE_SECURITY,
        responses: { 204: { description: 'No longer shared.' }, ...errorResponses(401, 403, 404) },
      }),
    },
    // Every entity takes a submit: whether a process applies depends on the record as it is (422 process.none otherwise).
    [`${base}/{id}/submit`]: {
      post: op('submit', {
        description: 'Starts the first submit process whose entry condition the record meets; the caller must be able to edit it. '
          + 'Answers 409 process.running when it waits for approval already, 422 process.none when no process applies.',
        parameters: params('recordId'),
        requestBody: { required: false, content: json(ref('schemas', 'SubmitRequest')) },
        security: WRITE_SECURITY,
        responses: { 201: instance('The instance started.'), ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      }),
    },
    [`${base}/{id}/recall`]: {
      post: op('recall', {
        description: 'The submitter ends their running submission, if the process allows recall (403 otherwise); 409 process.not-running when none runs.',
        parameters: params('recordId'),
        security: WRITE_SECURITY,
        responses: { 200: instance('The recalled instance.'), ...errorResponses(401, 403, 404, 409, 422) },
      }),
    },
    [`${base}/{id}/processes`]: {
      get: op('processes', {
        parameters: params('recordId'),
        security: READ_SECURITY,
        responses: { 200: { description: 'The instances that ran or run on the record, newest first.', content: json(ref('schemas', 'Instances')) }, ...errorResponses(401, 404) },
      }),
    },
    // A manual start names its process, so it is documented only where the entity has one to name.
    ...(manualProcesses.length ? {
      [`${base}/{id}/processes/{process}`]: {
        post: op('startProcess', {
          description: 'Starts a manual process on a record the caller can edit; 422 process.none when its entry condition does not hold.',
          parameters: [...params('recordId'), { name: 'process', in: 'path', required: true, description: 'The manual process.', schema: { enum: [...manualProcesses] } }],
          security: WRITE_SECURITY,
          responses: { 201: instance('The instance started.'), ...errorResponses(401, 403, 404, 422) },
        }),
      },
    } : {}),
    ...(entity.ownership === 'user' ? {
      [`${base}/{id}/owner`]: {
        post: op('transfer', {
          parameters: params('recordId', 'ifMatch'),
          requestBody: { required: true, content: json(ref('schemas', 'OwnerRequest')) },
          security: WRITE_SECURITY,
          responses: { 200: withRecord(e, 'The record with its new owner.'), ...errorResponses(400, 401, 403, 404, 409, 412, 413, 415, 422) },
        }),
      },
    } : {}),
  };
}
