import type { JsonSchema } from '../fields/field-type';
import { ref } from './types';

const uuid = { type: 'string', format: 'uuid' } as const;

/** The schemas the records API shares across entities: the paging block, history entries, shares and owner transfer. */
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
      action: { enum: ['create', 'update', 'delete', 'process', 'merge'] },
      changes: {
        type: 'object',
        description: "Each changed field's old and new value, by field name; empty for a process step.",
        additionalProperties: { type: 'object', required: ['old', 'new'], properties: { old: {}, new: {} } },
      },
      userId: { type: ['string', 'null'], format: 'uuid' },
      at: { type: 'string', format: 'date-time' },
      step: { oneOf: [ref('schemas', 'HistoryStep'), ref('schemas', 'MergeStep')] },
    },
    // Process steps and merges share the record's timeline with field changes; only they carry a step.
    if: { required: ['action'], properties: { action: { enum: ['process', 'merge'] } } },
    then: { required: ['step'], properties: { step: true } },
    else: { properties: { step: false } },
  },
  History: {
    type: 'object',
    required: ['data'],
    properties: { data: { type: 'array', items: ref('schemas', 'HistoryEntry'), description: 'Newest first.' } },
  },
  Share: {
    type: 'object',
    required: ['id', 'user', 'team', 'access', 'createdBy', 'createdAt'],
    properties: {
      id: uuid,
      user: { type: ['string', 'null'], format: 'uuid', description: 'The user it is shared with (or null for a department).' },
      team: { type: ['string', 'null'], format: 'uuid', description: 'The department it is shared with; its sub-departments too.' },
      access: { enum: ['read', 'edit'] },
      createdBy: { type: ['string', 'null'], format: 'uuid' },
      createdAt: { type: 'string', format: 'date-time' },
    },
  },
  ShareRequest: {
    type: 'object',
    required: ['access'],
    additionalProperties: false,
    description: 'Exactly one of user and team.',
    properties: { user: uuid, team: uuid, access: { enum: ['read', 'edit'] } },
  },
  AggregateResult: {
    type: 'object', required: ['data'],
    properties: {
      data: { type: 'array', items: { type: 'object', description: 'One group: each group key (field or field:part) and each measure (count, sum:amount) by name.' } },
      truncated: { const: true, description: 'There were more groups than the limit.' },
    },
  },
  Shares: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: ref('schemas', 'Share') } } },
  OwnerRequest: { type: 'object', required: ['ownerId'], additionalProperties: false, properties: { ownerId: uuid } },
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
  Role: {
    type: 'object',
    required: ['name', 'label'],
    description: 'A role as metadata/schemas/role.schema.json describes it: permissions on entities, with inheritance.',
    properties: {
      name: { type: 'string' },
      label: { type: 'object', additionalProperties: { type: 'string' } },
      description: { type: 'object', additionalProperties: { type: 'string' } },
      inherits: { type: 'array', items: { type: 'string' } },
      permissions: { type: 'array', items: { type: 'object' } },
    },
  },
  RoleInForce: {
    allOf: [ref('schemas', 'Role'), { type: 'object', required: ['source'], properties: { source: { enum: ['metadata', 'api'] } } }],
  },
  Roles: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: ref('schemas', 'RoleInForce') } } },
});
