import type { JsonSchema } from '../fields/field-type';
import { ref, type Reference, type Response } from './types';

/** The media type of every error answer (RFC 9457). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The error statuses the API answers, with the response component that describes each. */
export const ERROR_RESPONSES = {
  400: ['BadRequest', 'The request is malformed: a bad query parameter, header, id or body.'],
  401: ['Unauthorized', 'No valid session cookie or bearer token.'],
  403: ['Forbidden', 'Not allowed, or a cookie-authenticated request without a matching X-CSRF-Token header.'],
  404: ['NotFound', 'No such record (task, notification, process...), or not one the user may see.'],
  409: ['Conflict', 'A unique value is taken, a referenced record is missing or still referenced, the record is locked by a running approval, a duplicate rule matches (duplicate, duplicate.warning: errors as DuplicateError), or a process or task is not in the state the request needs (the code says which).'],
  412: ['PreconditionFailed', 'If-Match (or a decision\'s revision) names a version that is no longer current; nothing was changed.'],
  413: ['ContentTooLarge', 'The request body is too large.'],
  415: ['UnsupportedMediaType', 'The body is not application/json, or its encoding or charset is not supported.'],
  422: ['UnprocessableContent', "A validation rule failed, each error carrying the rule's message in the request's language; or no process applies to the record (process.none)."],
  429: ['TooManyRequests', 'Too many failed logins; retry after the number of seconds in Retry-After.'],
  503: ['ServiceUnavailable', 'The database is not reachable or the statement took too long.'],
} as const;

/** An error status the API answers. */
export type ErrorStatus = keyof typeof ERROR_RESPONSES;

/** The schemas of a problem: `{ type, title, status, detail, errors: [{ path, code, message }] }`. */
export const problemSchemas = (): Record<string, JsonSchema> => ({
  ProblemError: {
    type: 'object',
    required: ['path', 'code', 'message'],
    properties: {
      path: { type: 'string', description: 'A JSON pointer into the body ("/amount"), or /query/<parameter>; "" for the whole body.' },
      code: { type: 'string', description: 'The JSON Schema keyword that failed ("maxLength"), or "rule:<name>" for a validation rule.' },
      message: { type: 'string' },
    },
  },
  Problem: {
    type: 'object',
    required: ['type', 'title', 'status'],
    properties: {
      type: { type: 'string', format: 'uri-reference' },
      title: { type: 'string' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      code: { type: 'string', description: 'A stable machine-readable code ("auth.invalid-credentials").' },
      detail: { type: 'string' },
      errors: { type: 'array', items: ref('schemas', 'ProblemError') },
    },
  },
});

/** The response components of every error status, each answering application/problem+json. */
export function problemResponses(): Record<string, Response> {
  return Object.fromEntries(Object.values(ERROR_RESPONSES).map(([name, description]): [string, Response] => [name, {
    description,
    ...(name === 'TooManyRequests' ? { headers: { 'Retry-After': ref('headers', 'Retry-After') } } : {}),
    content: { [PROBLEM_MEDIA_TYPE]: { schema: ref('schemas', 'Problem') } },
  }]));
}

/** References to the error responses of the given statuses, keyed by status. */
export const errorResponses = (...statuses: readonly ErrorStatus[]): Record<string, Reference> =>
  Object.fromEntries(statuses.map((status) => [String(status), ref('responses', ERROR_RESPONSES[status][0])]));
