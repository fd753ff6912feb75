import { json } from './entity-paths';
import { OUTBOX_ID_PATTERN, OUTBOX_STATUSES } from './notification-schemas';
import { errorResponses } from './problem';
import { TASK_STATUSES } from '../process/vocabulary';
import { PUBLIC, READ_SECURITY, WRITE_SECURITY } from './security';
import { apiSummary, apiTag, type ApiGroup, type ApiOperation } from './texts';
import { ref, type Operation, type Parameter, type PathItem } from './types';

const ROLE_NAME = { name: 'name', in: 'path', required: true, description: 'The role name.', schema: { type: 'string' } } as const;
const uuidIn = (description: string): Parameter => ({ name: 'id', in: 'path', required: true, description, schema: { type: 'string', format: 'uuid' } });
const TASK_ID = uuidIn('The task id.');
const PAGE = [ref('parameters', 'pageLimit'), ref('parameters', 'pageCursor')];
const statusList = `(${TASK_STATUSES.join('|')})`;
const TASK_QUERY: Parameter[] = [
  {
    name: 'assignee', in: 'query', description: 'Whose tasks: "me", or for administrators a user id.',
    schema: { anyOf: [{ const: 'me' }, { type: 'string', format: 'uuid' }], default: 'me' },
  },
  {
    name: 'status', in: 'query', description: `Comma-separated statuses: ${TASK_STATUSES.join(', ')}.`,
    schema: { type: 'string', pattern: `^${statusList}(,${statusList})*$`, default: 'open' },
  },
];

/** The paths outside the records API: auth, metadata, roles, processes, approval tasks, notifications and health. */
export function apiPaths(entityNames: readonly string[], processNames: readonly string[], locale: string): Record<string, PathItem> {
  const op = (operation: ApiOperation, group: ApiGroup, rest: Omit<Operation, 'operationId' | 'summary' | 'tags'>): Operation =>
    ({ operationId: `${group}.${operation}`, summary: apiSummary(operation, locale), tags: [apiTag(group, locale)], ...rest });
  return {
    '/api/auth/login': {
      post: op('login', 'auth', {
        description: 'Answers a bearer token and sets the httpOnly session cookie and the tessera_csrf cookie.',
        security: PUBLIC,
        requestBody: { required: true, content: json(ref('schemas', 'LoginRequest')) },
        responses: { 200: { description: 'Signed in.', content: json(ref('schemas', 'LoginResponse')) }, ...errorResponses(400, 401, 413, 415, 429) },
      }),
    },
    '/api/auth/logout': {
      post: op('logout', 'auth', {
        description: 'Revokes the token or session and clears the cookies.',
        security: WRITE_SECURITY,
        responses: { 204: { description: 'Signed out.' }, ...errorResponses(401, 403) },
      }),
    },
    '/api/auth/me': {
      get: op('me', 'auth', {
        security: READ_SECURITY,
        responses: { 200: { description: 'The signed-in user.', content: json(ref('schemas', 'Me')) }, ...errorResponses(401) },
      }),
    },
    '/api/meta': {
      get: op('meta', 'meta', {
        security: READ_SECURITY,
        responses: { 200: { description: 'The app model.', content: json(ref('schemas', 'Meta')) }, ...errorResponses(401, 403) },
      }),
    },
    '/api/meta/entities/{name}/form': {
      get: op('form', 'meta', {
        parameters: [
          { name: 'name', in: 'path', required: true, description: 'The entity name.', schema: { enum: [...entityNames] } },
          ref('parameters', 'formVariant'), ref('parameters', 'formLayout'), ref('parameters', 'acceptLanguage'),
        ],
        security: READ_SECURITY,
        responses: { 200: { description: 'The form.', content: json(ref('schemas', 'EntityForm')) }, ...errorResponses(400, 401, 403, 404) },
      }),
    },
    '/api/openapi.json': {
      get: op('openapi', 'meta', {
        security: READ_SECURITY,
        responses: { 200: { description: 'The OpenAPI 3.1 document.', content: json({ type: 'object' }) }, ...errorResponses(401) },
      }),
    },
    '/api/roles': {
      get: op('roles', 'roles', {
        description: 'Admins only: the metadata roles with those defined through the API layered over them.',
        security: READ_SECURITY,
        responses: { 200: { description: 'Every role in force.', content: json(ref('schemas', 'Roles')) }, ...errorResponses(401, 403) },
      }),
    },
    '/api/roles/{name}': {
      get: op('role', 'roles', {
        parameters: [ROLE_NAME],
        security: READ_SECURITY,
        responses: { 200: { description: 'The role in force.', content: json(ref('schemas', 'RoleInForce')) }, ...errorResponses(401, 403, 404) },
      }),
      put: op('putRole', 'roles', {
        description: 'Admins only: defines a role, or replaces a metadata role of the same name; in force on every instance from the next request.',
        parameters: [ROLE_NAME],
        requestBody: { required: true, content: json(ref('schemas', 'Role')) },
        security: WRITE_SECURITY,
        responses: { 200: { description: 'The role as stored.', content: json(ref('schemas', 'RoleInForce')) }, ...errorResponses(400, 401, 403, 413, 415) },
      }),
      delete: op('deleteRole', 'roles', {
        description: 'Admins only: removes a role defined through the API; a metadata role of the name is in force again.',
        parameters: [ROLE_NAME],
        security: WRITE_SECURITY,
        responses: { 204: { description: 'Removed.' }, ...errorResponses(401, 403, 404, 409) },
      }),
    },
    '/api/processes': {
      get: op('processes', 'processes', {
        security: READ_SECURITY,
        responses: { 200: { description: 'The processes of the entities the caller may read.', content: json(ref('schemas', 'Processes')) }, ...errorResponses(401) },
      }),
    },
    '/api/processes/{name}/instances': {
      get: op('instanceCounts', 'processes', {
        description: 'Admins only: how many instances are in each status, and how many wait at each node.',
        parameters: [{ name: 'name', in: 'path', required: true, description: 'The process name.', schema: processNames.length ? { enum: [...processNames] } : { type: 'string' } }],
        security: READ_SECURITY,
        responses: { 200: { description: 'The counts.', content: json(ref('schemas', 'InstanceCounts')) }, ...errorResponses(401, 403, 404) },
      }),
    },
    '/api/tasks': {
      get: op('tasks', 'tasks', {
        description: 'The approval tasks assigned to the caller (or, for admins, to a user), newest first.',
        parameters: [...TASK_QUERY, ...PAGE],
        security: READ_SECURITY,
        responses: { 200: { description: 'One page of tasks.', content: json(ref('schemas', 'TaskPage')) }, ...errorResponses(400, 401) },
      }),
    },
    '/api/tasks/{id}': {
      get: op('task', 'tasks', {
        description: 'A task of the caller: assigned to them, first assigned to them, or of their submission.',
        parameters: [TASK_ID],
        security: READ_SECURITY,
        responses: { 200: { description: 'The task.', content: json(ref('schemas', 'TaskView')) }, ...errorResponses(401, 404) },
      }),
    },
    '/api/tasks/{id}/decision': {
      post: op('decide', 'tasks', {
        description: 'The assignee approves, rejects, returns, delegates or adds an approver. '
          + 'Answers 409 task.closed when the task was decided already or its instance ended, 412 task.stale when revision is not the current one.',
        parameters: [TASK_ID],
        requestBody: { required: true, content: json(ref('schemas', 'DecisionRequest')) },
        security: WRITE_SECURITY,
        responses: { 200: { description: 'The task as decided.', content: json(ref('schemas', 'TaskView')) }, ...errorResponses(400, 401, 403, 404, 409, 412, 413, 415) },
      }),
    },
    '/api/notifications': {
      get: op('notifications', 'notifications', {
        description: "The caller's in-app notifications, newest first, with how many are unread.",
        parameters: [{ name: 'unread', in: 'query', description: 'Only unread ones.', schema: { type: 'boolean', default: false } }, ...PAGE],
        security: READ_SECURITY,
        responses: { 200: { description: 'One page of notifications.', content: json(ref('schemas', 'NotificationPage')) }, ...errorResponses(400, 401) },
      }),
    },
    '/api/notifications/{id}/read': {
      post: op('read', 'notifications', {
        description: 'Marks one of the caller\'s notifications read; one of another user answers 404.',
        parameters: [uuidIn('The notification id.')],
        security: WRITE_SECURITY,
        responses: { 200: { description: 'The notification, read.', content: json(ref('schemas', 'Notification')) }, ...errorResponses(401, 403, 404) },
      }),
    },
    '/api/notifications/read': {
      post: op('readAll', 'notifications', {
        security: WRITE_SECURITY,
        responses: { 200: { description: 'How many were marked read.', content: json(ref('schemas', 'NotificationsRead')) }, ...errorResponses(401, 403) },
      }),
    },
    '/api/outbox': {
      get: op('outbox', 'notifications', {
        description: 'Admins only: queued, sent and dead deliveries, newest first.',
        parameters: [{ name: 'status', in: 'query', description: 'Only deliveries in this state.', schema: { enum: [...OUTBOX_STATUSES] } }, ...PAGE],
        security: READ_SECURITY,
        responses: { 200: { description: 'One page of deliveries.', content: json(ref('schemas', 'OutboxPage')) }, ...errorResponses(400, 401, 403) },
      }),
    },
    '/api/outbox/{id}/retry': {
      post: op('retry', 'notifications', {
        description: 'Admins only: queues a dead delivery again with its tries reset; 409 outbox.not-dead for one in any other state.',
        parameters: [{ name: 'id', in: 'path', required: true, description: 'The delivery id.', schema: { type: 'string', pattern: OUTBOX_ID_PATTERN } }],
        security: WRITE_SECURITY,
        responses: { 200: { description: 'The delivery, pending again.', content: json(ref('schemas', 'OutboxDelivery')) }, ...errorResponses(401, 403, 404, 409) },
      }),
    },
    '/api/health': {
      get: op('health', 'health', {
        security: PUBLIC,
        responses: {
          200: { description: 'The process is up and the database answers.', content: json(ref('schemas', 'Health')) },
          ...errorResponses(503),
        },
      }),
    },
  };
}
