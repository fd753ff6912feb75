import { DATE_PARTS, DEFAULT_AGGREGATE_LIMITS, MEASURE_SYNTAX } from '../query/aggregate-query';
import { DEFAULT_LIST_LIMITS } from '../query/list-query';
import type { Header, Parameter } from './types';

const { defaultLimit, maxLimit, maxOffset, maxExpandDepth } = DEFAULT_LIST_LIMITS;

/** How many tasks, notifications or outbox deliveries a page holds (runtime/src/notifications/page-query.ts, routes/tasks.ts). */
export const INBOX_LIMITS = { default: 50, max: 200 } as const;

/** The parameters of a list request (DESIGN.md §4), in the order they are documented. */
export const LIST_PARAMETERS = ['filter', 'where', 'sort', 'fields', 'expand', 'limit', 'cursor', 'offset', 'count'] as const;

/** The parameter components, by name. */
export const parameterComponents = (): Record<string, Parameter> => ({
  recordId: { name: 'id', in: 'path', required: true, description: 'The record id.', schema: { type: 'string', format: 'uuid' } },
  filter: {
    name: 'filter', in: 'query',
    description: 'A condition as JSON text: {"stage": "won", "amount": {"$gt": 100}}.',
    schema: { type: 'string', contentMediaType: 'application/json' },
  },
  where: {
    name: 'where', in: 'query', style: 'deepObject', explode: true,
    description: 'The bracket form of a filter: where[amount][$gt]=100; ANDed with filter.',
    schema: { type: 'object', additionalProperties: { type: ['string', 'object'], additionalProperties: { type: 'string' } } },
  },
  sort: { name: 'sort', in: 'query', description: 'Comma-separated fields, "-" for descending: -amount,name.', schema: { type: 'string' } },
  fields: { name: 'fields', in: 'query', description: 'Comma-separated fields to return; id and version always come.', schema: { type: 'string' } },
  expand: {
    name: 'expand', in: 'query',
    description: `Comma-separated lookups to return as records instead of ids, at most ${maxExpandDepth} levels: account,account.owner.`,
    schema: { type: 'string' },
  },
  limit: {
    name: 'limit', in: 'query', description: 'Records per page.',
    schema: { type: 'integer', minimum: 1, maximum: maxLimit, default: defaultLimit },
  },
  cursor: { name: 'cursor', in: 'query', description: 'page.next of the previous page (same sort); not with offset.', schema: { type: 'string' } },
  offset: { name: 'offset', in: 'query', description: 'Records to skip; not with cursor.', schema: { type: 'integer', minimum: 0, maximum: maxOffset } },
  count: { name: 'count', in: 'query', description: 'Whether page.total counts every matching record.', schema: { type: 'boolean', default: false } },
  ifMatch: {
    name: 'If-Match', in: 'header', required: false,
    description: 'The ETag of the version being changed; a stale one answers 412 and changes nothing, a malformed one 400.',
    schema: { type: 'string' },
  },
  acceptLanguage: {
    name: 'Accept-Language', in: 'header', description: 'The language of messages: en or zh-CN.',
    schema: { type: 'string', examples: ['en', 'zh-CN'] },
  },
  formVariant: {
    name: 'variant', in: 'query', description: 'A create form requires the required fields; an update form is partial.',
    schema: { enum: ['create', 'update'], default: 'create' },
  },
  // The inboxes (tasks, notifications, outbox) page by a keyset cursor only, at most 200 a page.
  pageLimit: {
    name: 'limit', in: 'query', description: 'Items per page.',
    schema: { type: 'integer', minimum: 1, maximum: INBOX_LIMITS.max, default: INBOX_LIMITS.default },
  },
  pageCursor: { name: 'cursor', in: 'query', description: 'page.next of the previous page.', schema: { type: 'string' } },
  groupBy: {
    name: 'groupBy', in: 'query',
    description: `Comma-separated fields to group by, at most ${DEFAULT_AGGREGATE_LIMITS.maxGroupKeys}; a date or datetime field with a part: closeDate:month (${DATE_PARTS.join(', ')}).`,
    schema: { type: 'string' },
  },
  measures: {
    name: 'measures', in: 'query',
    description: `Comma-separated measures, at most ${DEFAULT_AGGREGATE_LIMITS.maxMeasures}: ${MEASURE_SYNTAX}. count when left out.`,
    schema: { type: 'string' },
  },
  aggregateLimit: {
    name: 'limit', in: 'query', description: 'Groups to answer at most; "truncated" says when there were more.',
    schema: { type: 'integer', minimum: 1, maximum: DEFAULT_AGGREGATE_LIMITS.maxGroups, default: DEFAULT_AGGREGATE_LIMITS.maxGroups },
  },
  formLayout: { name: 'layout', in: 'query', description: "A layout of the entity; the entity's default layout when left out.", schema: { type: 'string' } },
});

/** The response header components, by name. */
export const headerComponents = (): Record<string, Header> => ({
  ETag: { description: 'The record\'s version as "<id>:<version>"; send it back in If-Match.', required: true, schema: { type: 'string' } },
  Location: { description: 'The URL of the created record.', required: true, schema: { type: 'string', format: 'uri-reference' } },
  'Retry-After': { description: 'Seconds to wait before trying again.', required: true, schema: { type: 'integer', minimum: 0 } },
});
