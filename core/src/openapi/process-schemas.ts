import type { JsonSchema } from '../fields/field-type';
import { DECISIONS, INSTANCE_STATUSES, MAX_COMMENT, TASK_STATUSES } from '../process/vocabulary';
import { ref } from './types';

const uuid = { type: 'string', format: 'uuid' } as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;
const instant = { type: 'string', format: 'date-time' } as const;
const nullableInstant = { type: ['string', 'null'], format: 'date-time' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const userRef = { type: 'object', required: ['id', 'name'], properties: { id: uuid, name: nullableText } } as const;

const PROCESS_TRIGGERS = ['submit', 'create', 'update', 'schedule', 'manual'] as const;

const decisionIs = (...names: ReadonlyArray<(typeof DECISIONS)[number]>): JsonSchema =>
  ({ required: ['decision'], properties: { decision: { enum: [...names] } } });

/** The schemas of the process engine's endpoints: processes, their instances on records, approval tasks and history steps. */
export const processSchemas = (): Record<string, JsonSchema> => ({
  Label: {
    type: ['object', 'null'],
    description: 'A text by language as the metadata defines it ({"en": "...", "zh-CN": "..."}); null when there is none.',
    additionalProperties: { type: 'string' },
  },
  ProcessSummary: {
    type: 'object',
    required: ['name', 'label', 'description', 'entity', 'trigger', 'version', 'lockRecord', 'allowRecall'],
    properties: {
      name: { type: 'string' },
      label: ref('schemas', 'Label'),
      description: ref('schemas', 'Label'),
      entity: { type: 'string' },
      trigger: {
        type: 'object',
        required: ['on'],
        properties: { on: { enum: [...PROCESS_TRIGGERS] }, fields: { type: 'array', items: { type: 'string' } }, cron: { type: 'string' } },
      },
      version: { type: ['integer', 'null'], minimum: 1, description: 'The version new instances start on; null when the server runs no process engine.' },
      lockRecord: { type: 'boolean', description: 'Whether the record is read-only while an instance runs on it.' },
      allowRecall: { type: 'boolean', description: 'Whether the submitter may recall a running submission.' },
    },
  },
  Processes: {
    type: 'object',
    required: ['data'],
    properties: { data: { type: 'array', items: ref('schemas', 'ProcessSummary'), description: 'The processes of the entities the caller may read.' } },
  },
  InstanceCounts: {
    type: 'object',
    required: ['byStatus', 'waitingAt'],
    properties: {
      byStatus: { type: 'object', description: 'Instances by status.', additionalProperties: { type: 'integer', minimum: 0 } },
      waitingAt: { type: 'object', description: 'Running instances waiting, by node id.', additionalProperties: { type: 'integer', minimum: 0 } },
    },
  },
  InstanceState: {
    type: 'object',
    description: 'A process instance on a record: its status, the nodes it waits at, and its approval tasks in the order they were opened.',
    required: ['id', 'process', 'version', 'label', 'trigger', 'status', 'outcome', 'submittedBy', 'startedAt', 'endedAt', 'error', 'waitingAt', 'tasks'],
    properties: {
      id: uuid,
      process: { type: 'string' },
      version: { type: 'integer', minimum: 1 },
      label: ref('schemas', 'Label'),
      trigger: { type: 'string', description: 'What started it: submit, manual, create, update, schedule or subprocess.' },
      status: { enum: [...INSTANCE_STATUSES] },
      outcome: { ...nullableText, description: "The last approval step's outcome." },
      submittedBy: nullableUuid,
      startedAt: instant,
      endedAt: nullableInstant,
      error: { ...nullableText, description: 'Why a failed instance failed.' },
      waitingAt: {
        type: 'array',
        items: { type: 'object', required: ['node', 'label', 'dueAt'], properties: { node: { type: 'string' }, label: ref('schemas', 'Label'), dueAt: nullableInstant } },
      },
      tasks: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'node', 'label', 'status', 'assignee', 'comment', 'decidedAt', 'dueAt', 'revision'],
          properties: {
            id: uuid, node: { type: 'string' }, label: ref('schemas', 'Label'), status: { enum: [...TASK_STATUSES] }, assignee: userRef,
            comment: nullableText, decidedAt: nullableInstant, dueAt: nullableInstant, revision: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
  },
  Instances: {
    type: 'object',
    required: ['data'],
    properties: { data: { type: 'array', items: ref('schemas', 'InstanceState'), description: 'Newest first, at most 50.' } },
  },
  SubmitRequest: {
    type: 'object',
    additionalProperties: false,
    description: 'Optional: the body may be left out.',
    properties: { comment: { type: 'string', maxLength: MAX_COMMENT } },
  },
  TaskView: {
    type: 'object',
    required: ['id', 'status', 'node', 'nodeLabel', 'process', 'instanceId', 'record', 'assignee', 'originalAssignee', 'delegatedUntil',
      'submittedBy', 'comment', 'dueAt', 'createdAt', 'decidedAt', 'revision'],
    properties: {
      id: uuid,
      status: { enum: [...TASK_STATUSES] },
      node: { type: 'string' },
      nodeLabel: ref('schemas', 'Label'),
      process: { type: 'object', required: ['name', 'version', 'label'], properties: { name: { type: 'string' }, version: { type: 'integer', minimum: 1 }, label: ref('schemas', 'Label') } },
      instanceId: uuid,
      record: {
        type: 'object',
        required: ['entity', 'id'],
        properties: { entity: { type: 'string' }, id: uuid, title: { description: "The record's title field, only where the caller may read that field." } },
      },
      assignee: uuid,
      originalAssignee: { ...nullableUuid, description: 'Who had the task before it was delegated or reassigned.' },
      delegatedUntil: { ...nullableInstant, description: 'When a time-limited delegation hands the task back.' },
      submittedBy: { anyOf: [{ type: 'null' }, userRef] },
      comment: nullableText,
      dueAt: nullableInstant,
      createdAt: instant,
      decidedAt: nullableInstant,
      revision: { type: 'integer', minimum: 1, description: 'Send it back as the decision\'s revision to refuse a decision on a task changed since.' },
    },
  },
  TaskPage: {
    type: 'object',
    required: ['data', 'page'],
    properties: { data: { type: 'array', items: ref('schemas', 'TaskView'), description: 'Newest first.' }, page: ref('schemas', 'Page') },
  },
  DecisionRequest: {
    type: 'object',
    required: ['decision'],
    additionalProperties: false,
    properties: {
      decision: { enum: [...DECISIONS] },
      comment: { type: 'string', maxLength: MAX_COMMENT },
      to: { type: 'string', description: 'delegate and addApprover: the user id to hand over to; return: "previous" (the default, when there is one) or "submitter".' },
      until: { ...instant, description: 'delegate only: when the task comes back (a future instant).' },
      revision: { type: 'integer', description: 'The task revision the caller saw; a newer one answers 412.' },
    },
    // Which members go with which decision (runtime/src/process/decisions: each kind's members).
    allOf: [
      { if: decisionIs('delegate', 'addApprover'), then: { required: ['to'], properties: { to: uuid } } },
      { if: decisionIs('return'), then: { properties: { to: { enum: ['previous', 'submitter'] } } } },
      { if: decisionIs('approve', 'reject'), then: { properties: { to: false } } },
      { if: decisionIs('approve', 'reject', 'return', 'addApprover'), then: { properties: { until: false } } },
    ],
  },
  HistoryStep: {
    type: 'object',
    description: 'What happened in a process step (a history entry of action "process").',
    required: ['process', 'version', 'instanceId', 'event'],
    properties: {
      process: { type: 'string' },
      version: { type: 'integer', minimum: 1 },
      instanceId: uuid,
      event: { type: 'string', description: 'submitted, started, assigned, approved, rejected, returned, delegated, approverAdded, recalled, escalated, reassigned, timedOut, finished, cancelled, failed...' },
      node: { type: 'string' },
      taskId: uuid,
      comment: { type: 'string' },
      to: { type: 'string', description: 'Whom a task went to (a user id), where a return went (a node id or "submitter"), or until when a wait lasts.' },
      status: { type: 'string', description: 'The status the instance finished with.' },
    },
  },
});
