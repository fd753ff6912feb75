import type { PluginRecords, WriteEvent } from '@tessera/runtime';
import { num, round2, updateChanged } from './values';

/** The master a line event belongs to: the line as it is now, or as it was when deleted. */
const masterOf = (event: WriteEvent, field: string) => ((event.after ?? event.before)?.[field] as string | undefined);

/**
 * A quote's totals from its lines: subtotal (Σ line totals), the quote's discount on it, the total, and the gross margin
 * against the products' costs (hidden from reps by the roles, as cost is).
 */
export async function quoteTotals(records: PluginRecords, quoteId: string): Promise<void> {
  const quote = await records.get('quote', quoteId).catch(() => undefined);
  if (!quote) return;
  const lines = await records.list('quoteLine', { quote: quoteId });
  const subtotal = round2(lines.reduce((sum, l) => sum + num(l.lineTotal), 0));
  const discountAmount = round2((subtotal * num(quote.discount)) / 100);
  const total = round2(subtotal - discountAmount);
  const products = lines.length ? await records.list('product', { id: { $in: [...new Set(lines.map((l) => l.product as string))] } }) : [];
  const cost = lines.reduce((sum, l) => sum + num(l.quantity) * num(products.find((p) => p.id === l.product)?.cost), 0);
  const grossMargin = total > 0 ? round2(((total - cost) / total) * 100) : null;
  await updateChanged(records, 'quote', quote, { subtotal, discountAmount, total, grossMargin });
}

/** An order's total from its lines, and what has been received on it from its confirmed receipts. */
export async function orderTotals(records: PluginRecords, orderId: string): Promise<void> {
  const order = await records.get('order', orderId).catch(() => undefined);
  if (!order) return;
  const lines = await records.list('orderLine', { order: orderId });
  const receipts = await records.list('receipt', { order: orderId, status: 'confirmed' });
  await updateChanged(records, 'order', order, {
    total: round2(lines.reduce((sum, l) => sum + num(l.lineTotal), 0)),
    receivedAmount: round2(receipts.reduce((sum, r) => sum + num(r.amount), 0)),
  });
}

/** Registers the handlers that keep quote and order totals current. */
export const totalsHandlers = {
  quoteLine: (event: WriteEvent) => (masterOf(event, 'quote') ? quoteTotals(event.records, masterOf(event, 'quote')!) : Promise.resolve()),
  quote: (event: WriteEvent) => (event.action === 'update' && event.before?.discount !== event.after?.discount ? quoteTotals(event.records, event.id) : Promise.resolve()),
  orderLine: (event: WriteEvent) => (masterOf(event, 'order') ? orderTotals(event.records, masterOf(event, 'order')!) : Promise.resolve()),
  receipt: (event: WriteEvent) => (masterOf(event, 'order') ? orderTotals(event.records, masterOf(event, 'order')!) : Promise.resolve()),
};
