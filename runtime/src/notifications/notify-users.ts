import { isUuid, type AppModel } from '@tessera/core';
import type { Knex } from 'knex';
import { emailConfigured } from './config';
import { enqueue } from './outbox-store';
import { NOTIFICATIONS_TABLE } from './tables';
import { renderMessage } from './templates/render';
import { wakeAfterCommit } from './wake';

/** A notification to some users, as the process engine (or a hook) sends it. */
export interface Notice {
  readonly userIds: readonly string[];
  readonly template: string;
  readonly data: Record<string, unknown>;
  /** Default both. */
  readonly channels?: readonly ('app' | 'email')[];
  /** The same key for the same user writes nothing twice (a retried step, a replayed event). */
  readonly key: string;
  readonly entity?: string;
  readonly recordId?: string;
  readonly link?: string;
}

interface Recipient {
  readonly id: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly locale: string | null;
}

/** The active users among the ids (inactive ones are told nothing: they cannot sign in to act on it). */
async function recipients(trx: Knex.Transaction, userIds: readonly string[]): Promise<Recipient[]> {
  const ids = [...new Set(userIds.filter((id) => isUuid(id)))];
  if (ids.length === 0) return [];
  return trx('user').whereIn('id', ids).andWhereRaw('coalesce(active, true)').orderBy('id').select('id', 'email', 'name', 'locale');
}

/** The user's language if the app speaks it, else the app's default. */
const localeOf = (app: AppModel, user: Recipient): string => (user.locale && app.locales.includes(user.locale) ? user.locale : app.defaultLocale);

/**
 * Tells users about something, inside the caller's transaction: one in-app notification per user (channel 'app') and
 * one e-mail outbox row per user with an address (channel 'email'; only when SMTP_URL is set), each rendered from the
 * template in the user's locale. Rows are keyed, so repeating a key writes nothing; a rollback takes them all back.
 */
export async function notifyUsers(trx: Knex.Transaction, app: AppModel, n: Notice): Promise<void> {
  const channels = new Set(n.channels ?? ['app', 'email']);
  const email = channels.has('email') && emailConfigured();
  if (!channels.has('app') && !email) return;
  const users = await recipients(trx, n.userIds);
  if (users.length === 0) return;
  // Rendered per user, since the data names the recipient (unless the caller's data does); compiling is cached.
  const messages = new Map(users.map((user) => [user.id, renderMessage(app, n.template, localeOf(app, user), { recipient: { id: user.id, name: user.name }, ...n.data })]));
  if (channels.has('app')) {
    const recordId = n.recordId && isUuid(n.recordId) ? n.recordId : null;
    await trx(NOTIFICATIONS_TABLE).insert(users.map((user) => ({
      user_id: user.id, key: n.key, title: messages.get(user.id)!.subject, body: messages.get(user.id)!.text,
      entity: n.entity ?? null, record_id: recordId, link: n.link ?? null,
    }))).onConflict(['user_id', 'key']).ignore();
  }
  const mailed = email ? users.filter((user) => user.email) : [];
  if (mailed.length === 0) return;
  await enqueue(trx, 'email', mailed.map((user) => {
    const m = messages.get(user.id)!;
    return { key: `email:${user.id}:${n.key}`, payload: { to: user.email!, subject: m.subject, text: m.text, html: m.html, locale: localeOf(app, user) } };
  }));
  wakeAfterCommit(trx);
}
