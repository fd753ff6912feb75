import type { PluginNotify, PluginRecords, ScheduleDefinition } from '@tessera/runtime';
import { listInRange } from './list-in-range';

const PAGE = 500;
const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Signed contracts whose end date has passed become expired; each pass takes contracts still signed, until one finds less than a page. */
async function expireContracts(records: PluginRecords, today: string): Promise<void> {
  for (;;) {
    const ended = await records.list('contract', { status: 'signed', endDate: { $lt: today } }, { limit: PAGE });
    for (const contract of ended) await records.update('contract', contract.id as string, { status: 'expired' });
    if (ended.length < PAGE) return;
  }
}

/**
 * Tells the owner of each signed contract that has reached its renewal reminder date and not yet ended. The key names
 * the end date, so a contract is told of once per term: a renewal that moves the end date is told of again.
 */
async function remindRenewals(records: PluginRecords, notify: PluginNotify, today: string): Promise<void> {
  // A reminder comes at most 365 days before the end (renewalReminderDays' maximum), so the end dates to look at are bounded.
  const due = await listInRange(records, 'contract', { status: 'signed', renewalReminderDate: { $lte: today } }, 'endDate', today, addDays(today, 365));
  for (const contract of due) {
    if (!contract.ownerId) continue;
    const daysLeft = Math.round((Date.parse(`${String(contract.endDate)}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY);
    await notify({
      to: [contract.ownerId as string], template: 'contract_renewal_reminder', about: { entity: 'contract', id: contract.id as string },
      data: { daysLeft }, key: `renewal:${contract.id as string}:${String(contract.endDate)}`,
    });
  }
}

/** Daily: contracts past their end expire, and owners are reminded of renewals due. */
export const contractSchedule: ScheduleDefinition = {
  label: { en: 'Contract renewals and expiry', 'zh-CN': '合同续约提醒与到期处理' },
  cron: '0 1 * * *',
  run: async ({ records, notify, today }) => {
    await expireContracts(records, today);
    await remindRenewals(records, notify, today);
  },
};
