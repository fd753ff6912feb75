import type { PluginRecords } from '@tessera/runtime';
import { addDays, recurringOn } from './care-dates';
import { listEvery } from './list-every';

type Row = Record<string, unknown>;

/** What a care rule can be about (careRule.occasion). */
export type OccasionName = 'birthday' | 'springFestival' | 'midAutumn' | 'contractAnniversary';

/** One thing to care for on an occasion: a contact, or a contract and its signer. */
export interface CareTarget {
  /** The contact's or contract's id: with the rule and the date, what makes a care task once only. */
  readonly id: string;
  /** What the owner's notice is about. */
  readonly about: { readonly entity: 'contact' | 'contract'; readonly id: string };
  /** Who or what, in the task's subject. */
  readonly name: string;
  readonly owner: string | null;
  readonly account: string | null;
  /** The contact to reach (a greeting goes only to one who agreed to marketing). */
  readonly contact: Row | null;
}

/** How an occasion of a care rule is found and described. */
export interface Occasion {
  /** Its name in both languages, for the task's subject and description. */
  readonly label: { readonly en: string; readonly zh: string };
  /** What the owner is asked to do on a task (not a greeting), in both languages. */
  readonly ask: { readonly en: string; readonly zh: string };
  readonly priority: 'high' | 'normal';
  /** The template of the owner's notice. */
  readonly notice: string;
  /** The occasion's date when the rule is due today (today plus its days before), or none. */
  due(rule: Row, today: string): string | undefined;
  /** What the rule applies to on that date. */
  targets(records: PluginRecords, rule: Row, date: string): Promise<CareTarget[]>;
}

const daysBefore = (rule: Row) => Number(rule.daysBefore ?? 0);
const contactTarget = (c: Row): CareTarget => ({
  id: c.id as string, about: { entity: 'contact', id: c.id as string }, name: String(c.name),
  owner: (c.ownerId as string | null) ?? null, account: (c.account as string | null) ?? null, contact: c,
});
const whichContacts = (rule: Row) => (rule.keyContactsOnly === false ? {} : { keyContact: true });

/** The date a festival rule names (entered each year: the festivals follow the lunar calendar), when due today. */
const festivalDue = (rule: Row, today: string) => {
  const date = typeof rule.occasionDate === 'string' ? rule.occasionDate.slice(0, 10) : undefined;
  return date && addDays(today, daysBefore(rule)) === date ? date : undefined;
};

const festival = (en: string, zh: string): Occasion => ({
  label: { en, zh },
  ask: { en: 'reach out before the day with the season\'s greetings', zh: '请在节前联系客户，致以节日问候' },
  priority: 'normal',
  notice: 'care_festival_reminder',
  due: festivalDue,
  targets: async (records, rule) => (await listEvery(records, 'contact', whichContacts(rule))).map(contactTarget),
});

/** Each occasion a care rule can have, typed over the picklist's values. */
export const occasions: Readonly<Record<OccasionName, Occasion>> = {
  birthday: {
    label: { en: 'Birthday', zh: '生日' },
    ask: { en: 'call or visit to give your wishes', zh: '请致电或登门送上生日祝福' },
    priority: 'high',
    notice: 'care_birthday_reminder',
    due: (rule, today) => addDays(today, daysBefore(rule)),
    targets: async (records, rule, date) =>
      (await listEvery(records, 'contact', { ...whichContacts(rule), birthday: { $in: recurringOn(date) } })).map(contactTarget),
  },
  springFestival: festival('Spring Festival', '春节'),
  midAutumn: festival('Mid-Autumn Festival', '中秋'),
  contractAnniversary: {
    label: { en: 'Contract anniversary', zh: '合同周年' },
    ask: { en: 'thank the customer, review the cooperation, look for renewal or upsell', zh: '向客户致谢，回顾合作情况，把握续约或增购机会' },
    priority: 'normal',
    notice: 'care_contract_anniversary',
    due: (rule, today) => addDays(today, daysBefore(rule)),
    targets: async (records, _rule, date) => {
      // A year or more after signing (a signed contract always has its signing date).
      const contracts = await listEvery(records, 'contract', { status: 'signed', signedDate: { $in: recurringOn(date, 1) } });
      return Promise.all(contracts.map(async (c) => ({
        id: c.id as string, about: { entity: 'contract' as const, id: c.id as string }, name: String(c.name),
        owner: (c.ownerId as string | null) ?? null, account: (c.account as string | null) ?? null,
        contact: c.customerSigner ? await records.get('contact', c.customerSigner as string) : null,
      })));
    },
  },
};
