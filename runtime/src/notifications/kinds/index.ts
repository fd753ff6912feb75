import type { DeliveryKind, OutboxKind } from './delivery-kind';
import { emailKind } from './email';
import { webhookKind } from './webhook';

/** Every kind of outbox delivery, by kind: a new kind is a payload type, a file, and a line here (a missing one fails to compile). */
export const deliveryKinds: { readonly [K in OutboxKind]: DeliveryKind<K> } = {
  email: emailKind,
  webhook: webhookKind,
};

/** Whether text names a kind of delivery (rows written by a later version may carry one this version lacks). */
export const isOutboxKind = (kind: string): kind is OutboxKind => Object.hasOwn(deliveryKinds, kind);

/** The kind definition for a kind, typed over all kinds (for code that handles rows of any kind alike). */
export const deliveryKind = (kind: OutboxKind): DeliveryKind<OutboxKind> => deliveryKinds[kind] as unknown as DeliveryKind<OutboxKind>;

export { DeliveryError, type Delivery, type DeliveryKind, type EmailPayload, type OutboxKind, type OutboxPayloads, type Sender, type WebhookPayload } from './delivery-kind';
