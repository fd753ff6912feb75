import type { PluginApi } from '@tessera/runtime';
import { convertLead } from './convert-lead';
import { quoteToOrder } from './quote-to-order';
import { totalsHandlers } from './totals';

/** crm-sales' code: totals kept from lines and receipts, a lead's conversion, and a quote made an order. */
export function register(api: PluginApi): void {
  for (const [entity, handler] of Object.entries(totalsHandlers)) api.onWrite(entity, handler);
  api.recordAction('lead', 'convert', convertLead);
  api.recordAction('quote', 'createOrder', quoteToOrder);
}
