// The notification and outbox layer: what the process engine calls inside its transactions (notifyUsers,
// enqueueWebhook), what delivers after commit (OutboxDispatcher), and the routes that show it.
export { ensureNotificationTables, NOTIFICATIONS_TABLE, OUTBOX_TABLE } from './tables';
export { notifyUsers, type Notice } from './notify-users';
export { enqueueWebhook, type WebhookRequest } from './enqueue-webhook';
export { renderMessage, renderTemplate, renderText, TemplateError, type RenderedMessage } from './templates/render';
export { BUILTIN_TEMPLATES } from './templates/builtin';
export { deliveryConfig, emailConfigured, type DeliveryConfig, type SmtpSettings } from './config';
export { OutboxDispatcher } from './dispatcher';
export { wakeDispatchers } from './wake';
export { signWebhook, verifyWebhookSignature, type SignedWebhook } from './webhook-signature';
export { deliveryKinds, type DeliveryKind, type OutboxKind, type OutboxPayloads } from './kinds';
export { notificationRoutes } from '../http/routes/notifications';
export { outboxRoutes } from '../http/routes/outbox';
