import type { PluginApi } from '@tessera/runtime';
import { commissionHandlers } from './commissions';
import { contractSchedule } from './contract-schedule';
import { convertLead } from './convert-lead';
import { overduePlans, planHandlers } from './payment-plans';
import { quoteToOrder } from './quote-to-order';
import { targetHandlers } from './sales-targets';
import { totalsHandlers } from './totals';

/**
 * crm-sales' code: totals kept from lines and receipts, payment plans from receipts, targets' achieved amounts,
 * commission records, a lead's conversion, a quote made an order, and the daily overdue and contract schedules.
 */
export function register(api: PluginApi): void {
  for (const handlers of [totalsHandlers, planHandlers, targetHandlers, commissionHandlers]) {
    for (const [entity, handler] of Object.entries(handlers)) api.onWrite(entity, handler);
  }
  api.recordAction('lead', 'convert', convertLead);
  api.recordAction('quote', 'createOrder', quoteToOrder);
  api.schedule('paymentPlans', overduePlans);
  api.schedule('contracts', contractSchedule);
}
