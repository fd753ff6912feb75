import { PluginError, type PluginApp, type PluginLinkUrl, type PluginMailer, type PluginRecords, type RecordActionDefinition } from '@tessera/runtime';
import { listEvery } from './list-every';

type Row = Record<string, unknown>;

/** What a send needs: records as the system, the caller's mail and links, and the time it happens. */
export interface Sending {
  readonly records: PluginRecords;
  readonly mail: PluginMailer;
  readonly linkUrl: PluginLinkUrl;
  readonly now: Date;
}

// Contacts are read by id, as many at a time as a list answers.
const PAGE = 500;
// Most of the CRM's contacts are Chinese-speaking: a contact without a language gets Chinese.
const DEFAULT_LOCALE = 'zh-CN';

/** The contacts among the campaign's members who may be mailed: an address, marketing consent, and no unsubscribe or opt-out. */
async function recipients(records: PluginRecords, campaign: string): Promise<Row[]> {
  const members = await listEvery(records, 'campaignMember', { campaign, contact: { $exists: true } });
  const ids = [...new Set(members.map((m) => String(m.contact)))];
  const contacts: Row[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    contacts.push(...await records.list('contact', {
      id: { $in: ids.slice(i, i + PAGE) }, email: { $exists: true }, marketingConsent: true, unsubscribed: { $ne: true }, emailOptOut: { $ne: true },
    }, { limit: PAGE }));
  }
  return contacts;
}

/** Who the e-mail is from, in a language: the mass e-mail's owner and the app's name. */
async function senderOf(app: PluginApp, records: PluginRecords, massEmail: Row): Promise<(locale: string) => Row> {
  const [owner] = massEmail.ownerId ? await records.list('user', { id: massEmail.ownerId }, { limit: 1 }) : [];
  return (locale) => ({ name: owner?.name ?? '', company: app.label[locale] ?? app.label.en ?? app.name });
}

/** Refuses a mass e-mail that cannot be sent: not a draft or scheduled, or naming no template of the app. */
export function checkSendable(app: PluginApp, massEmail: Row): void {
  if (massEmail.status === 'cancelled') throw new PluginError({ en: 'A cancelled mass e-mail cannot be sent', 'zh-CN': '已取消的群发邮件不能发送' }, '/status');
  if (massEmail.status !== 'draft' && massEmail.status !== 'scheduled') {
    throw new PluginError({ en: 'The mass e-mail has been sent already', 'zh-CN': '该群发邮件已发送' }, '/status');
  }
  const template = String(massEmail.templateName);
  if (!app.hasTemplate(template)) throw new PluginError({ en: `There is no template "${template}"`, 'zh-CN': `模板“${template}”不存在` }, '/templateName');
}

/**
 * Sends a mass e-mail to its campaign's contacts who may be mailed, each in their language, with their own unsubscribe
 * link; keyed per mass e-mail and contact, so nobody gets it twice. Marks it sent with the count of mails queued (none
 * when e-mail is off). Two sends at once: the second finds the record moved under it and is refused, mailing nobody.
 */
export async function sendMassEmail(app: PluginApp, s: Sending, massEmail: Row): Promise<Row> {
  checkSendable(app, massEmail);
  const template = String(massEmail.templateName);
  const sender = await senderOf(app, s.records, massEmail);
  let sent = 0;
  for (const contact of await recipients(s.records, String(massEmail.campaign))) {
    const locale = typeof contact.language === 'string' && contact.language ? contact.language : DEFAULT_LOCALE;
    const unsubscribeLink = await s.linkUrl('unsubscribe', { contact: String(contact.id), massEmail: String(massEmail.id) });
    const queued = await s.mail({
      to: String(contact.email), template, locale, key: `massEmail:${String(massEmail.id)}:${String(contact.id)}`,
      // Mail clients offer their own unsubscribe button from this header; a relative link (no public URL) cannot go there.
      ...(/^https?:\/\//.test(unsubscribeLink) ? { unsubscribeUrl: unsubscribeLink } : {}),
      data: { record: contact, sender: sender(locale), unsubscribeLink, massEmail: { name: massEmail.name, subject: massEmail.subject } },
    });
    if (queued) sent += 1;
  }
  const done = await s.records.update('massEmail', String(massEmail.id), { status: 'sent', sentAt: s.now.toISOString(), sentCount: sent });
  if (done.version !== Number(massEmail.version) + 1) {
    throw new PluginError({ en: 'The mass e-mail changed while it was being sent: open it again', 'zh-CN': '群发邮件在发送过程中被修改，请重新打开后再试' });
  }
  return done;
}

/** The mass e-mail's "Send" action, for whoever may update it. */
export const sendAction = (app: PluginApp): RecordActionDefinition => ({
  label: { en: 'Send', 'zh-CN': '发送' },
  requires: 'update',
  run: async ({ record, system, mail, linkUrl }) => {
    const done = await sendMassEmail(app, { records: system, mail, linkUrl, now: new Date() }, await system.get('massEmail', String(record.id)));
    return { status: done.status, sentAt: done.sentAt, sentCount: done.sentCount };
  },
});
