import type { PluginRecords, ScheduleDefinition, WriteEvent } from '@tessera/runtime';
import { changedAny, num, round2, todayUtc, updateChanged, type Row } from './values';

/**
 * A plan's status with this much received: paid once all of it is; an overdue plan stays overdue while it is past due
 * and short; otherwise partly paid or not yet. Only the daily schedule makes a plan overdue, so that its owner is told.
 */
function planStatus(plan: Row, received: number, today: string): string {
  if (received >= num(plan.amount)) return 'paid';
  if (plan.status === 'overdue' && String(plan.dueDate) < today) return 'overdue';
  return received > 0 ? 'partiallyPaid' : 'planned';
}

/** A plan's received amount (Σ its confirmed receipts) and the status that follows from it. */
async function planReceived(records: PluginRecords, planId: string, today: string): Promise<void> {
  const plan = await records.get('paymentPlan', planId).catch(() => undefined);
  if (!plan) return;
  const receipts = await records.list('receipt', { paymentPlan: planId, status: 'confirmed' });
  const received = round2(receipts.reduce((sum, r) => sum + num(r.amount), 0));
  await updateChanged(records, 'paymentPlan', plan, { receivedAmount: received, status: planStatus(plan, received, today) });
}

/** The handlers that keep plans' received amounts and statuses: a receipt moved, confirmed, reversed or deleted; a plan's terms changed. */
export const planHandlers = {
  receipt: async (event: WriteEvent) => {
    if (!changedAny(event.before, event.after, ['paymentPlan', 'amount', 'status'])) return;
    const plans = new Set([event.before?.paymentPlan, event.after?.paymentPlan].filter((id): id is string => typeof id === 'string'));
    for (const id of plans) await planReceived(event.records, id, todayUtc());
  },
  paymentPlan: async (event: WriteEvent) => {
    if (event.action !== 'delete' && changedAny(event.before, event.after, ['amount', 'dueDate'])) await planReceived(event.records, event.id, todayUtc());
  },
};

const PAGE = 500;

/**
 * Daily: plans past their due date and not fully received become overdue, and the order's owner is told once per
 * plan. Each pass takes plans still planned or partly paid, so the loop ends when a pass finds fewer than a page.
 */
export const overduePlans: ScheduleDefinition = {
  label: { en: 'Overdue payment plans', 'zh-CN': '回款计划逾期检查' },
  cron: '0 1 * * *',
  run: async ({ records, notify, today }) => {
    for (;;) {
      const due = await records.list('paymentPlan', { status: { $in: ['planned', 'partiallyPaid'] }, dueDate: { $lt: today } }, { limit: PAGE });
      const orders = due.length ? await records.list('order', { id: { $in: [...new Set(due.map((p) => p.order as string))] } }) : [];
      for (const plan of due) {
        await records.update('paymentPlan', plan.id as string, { status: 'overdue' });
        const order = orders.find((o) => o.id === plan.order);
        if (!order?.ownerId) continue;
        await notify({
          to: [order.ownerId as string], template: 'payment_plan_overdue', about: { entity: 'paymentPlan', id: plan.id as string },
          data: { order: { number: order.number }, outstanding: round2(num(plan.amount) - num(plan.receivedAmount)) }, key: `overdue:${plan.id as string}`,
        });
      }
      if (due.length < PAGE) return;
    }
  },
};
