import type { JsonSchema } from '../fields/field-type';
import { ref } from './types';

const uuid = { type: 'string', format: 'uuid' } as const;

/** The schemas the records API shares across entities: the paging block and history entries. */
export const recordApiSchemas = (): Record<string, JsonSchema> => ({
  Page: {
    type: 'object',
    required: ['next'],
    properties: {
      next: { type: ['string', 'null'], description: 'The cursor of the next page, or null on the last page.' },
      total: { type: 'integer', minimum: 0, description: 'Every matching record; only with count=true.' },
    },
  },
  HistoryEntry: {
    type: 'object',
    required: ['id', 'entity', 'recordId', 'action', 'changes', 'userId', 'at'],
    properties: {
      id: { type: 'string' },
      entity: { type: 'string' },
      recordId: uuid,
      action: { enum: ['create', 'update', 'delete'] },
      changes: {
        type: 'object',
        description: "Each changed field's old and new value, by field name.",
        additionalProperties: { type: 'object', required: ['old', 'new'], properties: { old: {}, new: {} } },
      },
      userId: { type: ['string', 'null'], format: 'uuid' },
      at: { type: 'string', format: 'date-time' },
    },
  },
  History: {
    type: 'object',
    required: ['data'],
    properties: { data: { type: 'array', items: ref('schemas', 'HistoryEntry'), description: 'Newest first.' } },
  },
});

/** The schemas of the auth, metadata and health endpoints. */
export const apiSchemas = (): Record<string, JsonSchema> => ({
  LoginRequest: {
    type: 'object',
    required: ['email', 'password'],
    properties: { email: { type: 'string', minLength: 1, maxLength: 320 }, password: { type: 'string', minLength: 1, maxLength: 1024, writeOnly: true } },
  },
  AuthUser: {
    type: 'object',
    required: ['id', 'email', 'name', 'roles'],
    properties: { id: uuid, email: { type: 'string' }, name: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } } },
  },
  LoginResponse: {
    type: 'object',
    required: ['token', 'user'],
    properties: { token: { type: 'string', description: 'A bearer token for the Authorization header.' }, user: ref('schemas', 'AuthUser') },
  },
  Me: { type: 'object', required: ['user'], properties: { user: ref('schemas', 'AuthUser') } },
  Meta: { type: 'object', description: 'The app model as the signed-in user may see it: entities, fields, layouts, labels.' },
  EntityForm: {
    type: 'object',
    required: ['schema', 'uiSchema', 'rules'],
    properties: {
      schema: { type: 'object', description: 'The JSON Schema (2020-12) that validates a create or update body.' },
      uiSchema: { type: 'object', description: 'How a form renders it (rjsf).' },
      rules: { type: 'array', items: { type: 'object' }, description: 'The rules JSON Schema cannot express, run by the condition evaluator.' },
    },
  },
  Health: {
    type: 'object',
    required: ['status', 'database'],
    properties: { status: { const: 'ok' }, database: { const: 'ok' } },
  },
});
