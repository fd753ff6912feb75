import { json } from './entity-paths';
import { errorResponses } from './problem';
import { PUBLIC, READ_SECURITY, WRITE_SECURITY } from './security';
import { apiSummary, apiTag, type ApiGroup, type ApiOperation } from './texts';
import { ref, type Operation, type PathItem } from './types';

const ROLE_NAME = { name: 'name', in: 'path', required: true, description: 'The role name.', schema: { type: 'string' } } as const;

/** The paths outside the records API: auth, metadata, roles and health. */
export function apiPaths(entityNames: readonly string[], locale: string): Record<string, PathItem> {
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
