import type { JsonSchema } from '../fields/field-type';
import { ref } from './types';

const nullableText = { type: ['string', 'null'] } as const;
const nullableInstant = { type: ['string', 'null'], format: 'date-time' } as const;

/** An outbox row's states (runtime/src/notifications/outbox-admin.ts OUTBOX_STATUSES); GET /api/outbox filters on them. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;

/** The pattern of an outbox id: a bigserial, sent as text so no client rounds it. */
export const OUTBOX_ID_PATTERN = '^[1-9][0-9]{0,17}$';

/** The schemas of the notification endpoints: a user's in-app notifications and the admins' outbox of deliveries. */
export const notificationSchemas = (): Record<string, JsonSchema> => ({
  Notification: {
    type: 'object',
    required: ['id', 'title', 'body', 'entity', 'recordId', 'link', 'createdAt', 'readAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      title: nullableText,
      body: nullableText,
      entity: { ...nullableText, description: 'The entity of the record it is about, if any.' },
      recordId: { type: ['string', 'null'], format: 'uuid' },
      link: nullableText,
      createdAt: { type: 'string', format: 'date-time' },
      readAt: { ...nullableInstant, description: 'When it was first marked read; null while unread.' },
    },
  },
  NotificationPage: {
    type: 'object',
    required: ['data', 'page', 'unread'],
    properties: {
      data: { type: 'array', items: ref('schemas', 'Notification'), description: 'Newest first.' },
      page: ref('schemas', 'Page'),
      unread: { type: 'integer', minimum: 0, description: "How many of the user's notifications are unread (whatever the filter)." },
    },
  },
  NotificationsRead: {
    type: 'object',
    required: ['updated'],
    properties: { updated: { type: 'integer', minimum: 0, description: 'How many unread notifications were marked read.' } },
  },
  OutboxDelivery: {
    type: 'object',
    required: ['id', 'key', 'kind', 'status', 'attempts', 'nextAt', 'leaseUntil', 'lastError', 'createdAt', 'sentAt', 'payload'],
    properties: {
      id: { type: 'string', pattern: OUTBOX_ID_PATTERN },
      key: { type: 'string', description: 'What makes the delivery unique: the same key is never queued twice.' },
      kind: { type: 'string', description: 'email or webhook.' },
      status: { enum: [...OUTBOX_STATUSES] },
      attempts: { type: 'integer', minimum: 0 },
      nextAt: { ...nullableInstant, description: 'When it is tried next.' },
      leaseUntil: nullableInstant,
      lastError: nullableText,
      createdAt: { type: 'string', format: 'date-time' },
      sentAt: nullableInstant,
      payload: { description: 'What is sent, by kind; credentials (a password in a webhook URL) masked.' },
    },
  },
  OutboxPage: {
    type: 'object',
    required: ['data', 'page'],
    properties: { data: { type: 'array', items: ref('schemas', 'OutboxDelivery'), description: 'Newest first.' }, page: ref('schemas', 'Page') },
  },
});
