import type { LinkDefinition } from '@tessera/runtime';

/**
 * The unsubscribe link of a mass e-mail (payload: the contact, and the mass e-mail it came in): the contact is marked
 * unsubscribed (the contact_unsubscribe process then withdraws consent and turns e-mail and SMS off) and the mass
 * e-mail counts one more unsubscribe. Only the first click of a subscribed contact counts: a second one, or a mail
 * scanner opening the link again, changes nothing. A contact deleted since is told the same.
 */
export const unsubscribeLink: LinkDefinition = {
  label: { en: 'Unsubscribe', 'zh-CN': '退订' },
  run: async ({ payload, records }) => {
    const [contact] = await records.list('contact', { id: payload.contact }, { limit: 1 });
    if (contact && contact.unsubscribed !== true) {
      await records.update('contact', String(contact.id), { unsubscribed: true });
      const [massEmail] = payload.massEmail ? await records.list('massEmail', { id: payload.massEmail }, { limit: 1 }) : [];
      if (massEmail) await records.update('massEmail', String(massEmail.id), { unsubscribeCount: Number(massEmail.unsubscribeCount ?? 0) + 1 });
    }
    return {
      en: 'You are unsubscribed: you will receive no more marketing messages from us.',
      'zh-CN': '您已成功退订，今后将不会再收到我们的营销信息。',
    };
  },
};
