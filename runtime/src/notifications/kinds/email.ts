import { createTransport } from 'nodemailer';
import type { DeliveryConfig } from '../config';
import type { DeliveryKind } from './delivery-kind';

/** The Message-ID of an outbox row: stable across retries, so a receiver can drop the copy a crash after acceptance resends. */
export const messageIdOf = (outboxId: string): string => `<outbox-${outboxId}@tessera>`;

// Refusals of this message or its addresses, as opposed to the connection, the login or the server's mood: an envelope
// or message error with a permanent (5xx) reply, or an envelope nodemailer itself found unusable (no reply at all).
const REFUSALS = new Set(['EENVELOPE', 'EMESSAGE']);

/** E-mail over SMTP (SMTP_URL), plain text with an HTML part; a refused address or message is final, the rest is retried. */
export const emailKind: DeliveryKind<'email'> = {
  kind: 'email',
  enabled: (config: DeliveryConfig) => config.smtp !== undefined,
  open: (config) => {
    const smtp = config.smtp;
    if (!smtp) throw new Error('e-mail delivery needs SMTP_URL');
    // One pool per dispatcher: a batch is sent over a few connections instead of one handshake per message.
    const transport = createTransport({
      url: smtp.url, pool: true, maxConnections: Math.min(config.batchSize, 5),
      connectionTimeout: config.smtpTimeoutMs, greetingTimeout: config.smtpTimeoutMs, socketTimeout: config.smtpTimeoutMs,
    });
    return {
      send: async ({ id, payload }) => {
        await transport.sendMail({
          from: smtp.from, to: payload.to, subject: payload.subject, text: payload.text,
          ...(payload.html ? { html: payload.html } : {}),
          messageId: messageIdOf(id),
          headers: {
            'Content-Language': payload.locale, 'Auto-Submitted': 'auto-generated',
            ...(payload.unsubscribeUrl ? { 'List-Unsubscribe': `<${payload.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
          },
        });
      },
      close: async () => transport.close(),
    };
  },
  permanent: (error) => {
    const e = error as { code?: unknown; responseCode?: unknown; permanent?: unknown } | null;
    if (!e || typeof e.code !== 'string' || !REFUSALS.has(e.code)) return false;
    return e.permanent === true || (e.code === 'EENVELOPE' && e.responseCode === undefined);
  },
  redact: (payload) => payload,
};
