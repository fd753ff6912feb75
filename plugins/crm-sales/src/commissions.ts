import type { PluginRecords, WriteEvent } from '@tessera/runtime';
import { changedAny, num, round2, updateChanged, type Row } from './values';

/** commissionRule.basis: what a rule takes its commission of. */
type Basis = 'receiptAmount' | 'orderAmount';

/** What commissions are earned on: a confirmed receipt or a won order, with its order, date and amount. */
interface Earning {
  readonly receipt: string | null;
  readonly order: Row;
  readonly date: string;
  readonly amount: number;
}

const inForce = (rule: Row, date: string) => (!rule.validFrom || String(rule.validFrom) <= date) && (!rule.validTo || date <= String(rule.validTo));

/** The part of an earning a rule takes: all of it, or for one product's rule that product's share of the order's lines. */
async function baseOf(rule: Row, earning: Earning, lines: () => Promise<Row[]>): Promise<number> {
  if (rule.appliesTo !== 'product') return earning.amount;
  const all = await lines();
  const total = all.reduce((sum, l) => sum + num(l.lineTotal), 0);
  const share = all.filter((l) => l.product === rule.product).reduce((sum, l) => sum + num(l.lineTotal), 0);
  return total > 0 ? round2((earning.amount * share) / total) : 0;
}

/** The commission records an earning is owed: one per active rule of its basis in force on its date, for the order's owner. */
async function owed(records: PluginRecords, basis: Basis, earning: Earning): Promise<Row[]> {
  if (!earning.order.ownerId) return [];
  const rules = (await records.list('commissionRule', { basis, active: true })).filter((r) => inForce(r, earning.date));
  let lines: Promise<Row[]> | undefined;
  const linesOf = () => (lines ??= records.list('orderLine', { order: earning.order.id }));
  const out: Row[] = [];
  for (const rule of rules) {
    const base = await baseOf(rule, earning, linesOf);
    if (base <= 0) continue;
    out.push({
      rep: earning.order.ownerId, order: earning.order.id, receipt: earning.receipt, rule: rule.id, baseAmount: base,
      rate: num(rule.ratePercent), amount: round2((base * num(rule.ratePercent)) / 100), settlementMonth: earning.date.slice(0, 7),
    });
  }
  return out;
}

/**
 * Brings the commission records of one earning (found by `key`) in line with what it is owed: one record per rule,
 * created, updated (a voided one reopened), or voided when the earning or the rule no longer counts. Paid-out records
 * are left as they are: taking back money paid is a decision for people, not for a write.
 */
async function settle(records: PluginRecords, basis: Basis, key: Row, earning: Earning | undefined): Promise<void> {
  const existing = await records.list('commissionRecord', { ...key, 'rule.basis': basis });
  const wanted = earning ? await owed(records, basis, earning) : [];
  for (const values of wanted) {
    const record = existing.find((r) => r.rule === values.rule);
    if (!record) await records.create('commissionRecord', { ...values, status: 'pending' });
    else if (record.status !== 'paid') await updateChanged(records, 'commissionRecord', record, { ...values, status: record.status === 'cancelled' ? 'pending' : record.status });
  }
  for (const record of existing) {
    const open = record.status !== 'paid' && record.status !== 'cancelled';
    if (open && !wanted.some((v) => v.rule === record.rule)) await records.update('commissionRecord', record.id as string, { status: 'cancelled' });
  }
}

const won = (order: Row) => !['draft', 'cancelled'].includes(String(order.status));

/** A confirmed receipt's commissions, with its order as it is now (or as given, when the order is being written). */
async function receiptCommissions(records: PluginRecords, receipt: Row, order?: Row): Promise<void> {
  const confirmed = receipt.status === 'confirmed';
  const of = confirmed ? (order ?? (await records.get('order', receipt.order as string))) : undefined;
  await settle(records, 'receiptAmount', { receipt: receipt.id }, of && { receipt: receipt.id as string, order: of, date: String(receipt.paidOn), amount: num(receipt.amount) });
}

/** The handlers that keep commission records: receipts confirmed, changed, reversed or deleted; orders won, changed or handed over. */
export const commissionHandlers = {
  receipt: async ({ records, action, before, after }: WriteEvent) => {
    if (!changedAny(before, after, ['amount', 'paidOn', 'status', 'order'])) return;
    // A deleted receipt's (or order's) records lost their link to it, the reference being cleared: those of its basis
    // left unlinked and still open are its own, since every earlier deletion voided its own.
    if (action === 'delete') await settle(records, 'receiptAmount', { receipt: null, order: before!.order }, undefined);
    else await receiptCommissions(records, after!);
  },
  order: async ({ records, action, id, before, after }: WriteEvent) => {
    if (!changedAny(before, after, ['total', 'orderDate', 'ownerId', 'status'])) return;
    if (action === 'delete') return settle(records, 'orderAmount', { order: null, receipt: null }, undefined);
    const earning = won(after!) ? { receipt: null, order: after!, date: String(after!.orderDate), amount: num(after!.total) } : undefined;
    await settle(records, 'orderAmount', { order: id, receipt: null }, earning);
    if (!before || (before.ownerId === after!.ownerId && before.total === after!.total)) return;
    for (const receipt of await records.list('receipt', { order: id, status: 'confirmed' })) await receiptCommissions(records, receipt, after);
  },
};
