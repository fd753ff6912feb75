import type { ScheduleDefinition, ScheduleRun } from '@tessera/runtime';
import { occasions, type CareTarget, type Occasion, type OccasionName } from './care-occasions';
import { listEvery } from './list-every';

type Row = Record<string, unknown>;

// 09:00 Beijing time on the occasion's day.
const dueAt = (date: string) => `${date}T01:00:00.000Z`;
const greetable = (contact: Row | null) => contact !== null && contact.unsubscribed !== true && contact.marketingConsent === true;

/** The care task's subject and description, in both languages (it is one record, read by anyone). */
function wording(occasion: Occasion, rule: Row, target: CareTarget, date: string): { subject: string; description: string } {
  const { en, zh } = occasion.label;
  if (rule.action === 'greeting') {
    const who = String(target.contact?.name ?? target.name);
    return {
      subject: `${zh}祝福 ${en} greeting: ${who}`.slice(0, 200),
      description: `${zh}（${date}）：请向${who}发送祝福，模板 ${String(rule.template)}。 ${en} on ${date}: send ${who} the greeting template ${String(rule.template)}.`,
    };
  }
  return {
    subject: `${zh}关怀 ${en}: ${target.name}`.slice(0, 200),
    description: `${zh}（${date}）：${occasion.ask.zh}。 ${en} on ${date}: ${occasion.ask.en}.`,
  };
}

/**
 * One care rule on one day: for each contact or contract it applies to on the occasion's date, a task assigned to the
 * owner (a greeting is a task naming the template to send, for contacts who agreed to marketing only) and a notice to
 * them. Each task carries a key of the rule, the date and the target, so a second run of the day makes none again.
 */
async function applyRule(run: ScheduleRun, rule: Row): Promise<void> {
  const occasion = occasions[rule.occasion as OccasionName];
  const date = occasion?.due(rule, run.today);
  if (!occasion || !date) return;
  const prefix = `${String(rule.id)}:${date}:`;
  const done = new Set((await listEvery(run.records, 'activity', { careKey: { $startsWith: prefix } })).map((a) => a.careKey));
  for (const target of await occasion.targets(run.records, rule, date)) {
    const careKey = `${prefix}${target.id}`;
    if (done.has(careKey) || (rule.action === 'greeting' && !greetable(target.contact))) continue;
    const owner = target.owner ?? (rule.ownerId as string | null) ?? null;
    await run.records.create('activity', {
      ...wording(occasion, rule, target, date), type: 'task', status: 'planned', priority: occasion.priority, dueAt: dueAt(date),
      account: target.account, contact: (target.contact?.id as string | undefined) ?? null, assignedTo: owner, careKey,
    });
    if (owner) {
      await run.notify({
        to: [owner], template: occasion.notice, about: target.about, key: `care:${careKey}`,
        data: { occasion: rule.occasion, occasionDate: date, rule: rule.name, ...(rule.action === 'greeting' ? { greeting: rule.template } : {}) },
      });
    }
  }
}

/** Every morning (09:00 Beijing time), each active customer care rule applied to the day. */
export const careRules: ScheduleDefinition = {
  label: { en: 'Customer care rules', 'zh-CN': '客户关怀规则' },
  cron: '0 1 * * *',
  run: async (run) => {
    for (const rule of await listEvery(run.records, 'careRule', { active: true })) await applyRule(run, rule);
  },
};
