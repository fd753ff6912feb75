import { isEmailAddress, type AppModel } from '@tessera/core';
import type { Knex } from 'knex';
import { emailConfigured } from '../notifications/config';
import type { EmailPayload } from '../notifications/kinds';
import { OUTBOX_TABLE } from '../notifications/tables';
import { renderMessage } from '../notifications/templates/render';
import { wakeAfterCommit } from '../notifications/wake';
import type { PluginMailer } from './plugin-api';


/** An unsubscribe URL as a mail client can follow it: absolute, http or https; anything else is the plugin's mistake. */
function absoluteUrl(plugin: string, text: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new Error(`${plugin}: the unsubscribe URL ${JSON.stringify(text)} is not an absolute http(s) URL`);
  return url.href;
}

/**
 * A plugin's e-mails to outside addresses in a transaction: rendered from the app's template in the language asked (the
 * app's default otherwise) and queued in the outbox under the plugin's own key, so a retried run mails nobody twice and
 * a rollback takes the mail back. Everything is checked and rendered even when e-mail is off, so a mistake fails alike.
 */
export function pluginMail(app: AppModel, trx: Knex.Transaction, plugin: string): PluginMailer {
  return async (mail) => {
    // What an e-mail field accepts: no space, comma or line break reaches the envelope or a header.
    if (typeof mail.to !== 'string' || !isEmailAddress(mail.to)) {
      throw new Error(`${plugin}: cannot mail ${JSON.stringify(mail.to)}: it is not an e-mail address`);
    }
    const unsubscribeUrl = mail.unsubscribeUrl === undefined ? undefined : absoluteUrl(plugin, mail.unsubscribeUrl);
    const locale = mail.locale && app.locales.includes(mail.locale) ? mail.locale : app.defaultLocale;
    const message = renderMessage(app, mail.template, locale, { ...mail.data });
    if (!emailConfigured()) return false;
    const payload: EmailPayload = {
      to: mail.to, subject: message.subject, text: message.text, html: message.html, locale,
      ...(unsubscribeUrl ? { unsubscribeUrl } : {}),
    };
    // Inserted here rather than through enqueue(): the caller counts what was queued, which only the insert knows.
    const queued = await trx(OUTBOX_TABLE).insert({ key: `plugin:${plugin}:${mail.key}`, kind: 'email', payload: JSON.stringify(payload) })
      .onConflict('key').ignore().returning('id');
    if (queued.length === 0) return false;
    wakeAfterCommit(trx);
    return true;
  };
}
