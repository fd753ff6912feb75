import type { PluginRecords, WriteEvent } from '@tessera/runtime';
import { listInRange } from './list-in-range';
import { TARGET_METRICS, TargetScope, targetPeriod } from './target-scope';
import { changedAny, num, round2, updateChanged, type Row } from './values';

/** A date on which some rep's figure moved: the targets covering it, for that rep or their departments, are recomputed. */
interface Touch {
  readonly date: string;
  readonly owner: string;
}

/** The won business a target's metric counts, of its rep or department, in its period. */
async function achievedAmount(records: PluginRecords, scope: TargetScope, target: Row): Promise<number> {
  const metric = TARGET_METRICS[String(target.metric)];
  const period = targetPeriod(target);
  if (!metric || !period) return 0;
  const owners = await scope.ownersOf(target);
  if (!owners.length) return 0;
  const rows = await listInRange(records, metric.entity, { ...metric.won, [metric.owner]: { $in: owners } }, metric.date, period.from, period.to);
  return round2(rows.reduce((sum, r) => sum + num(r[metric.amount]), 0));
}

/** Sets a target's achieved amount from what it counts now. */
async function targetAchieved(records: PluginRecords, scope: TargetScope, target: Row): Promise<void> {
  await updateChanged(records, 'salesTarget', target, { achievedAmount: await achievedAmount(records, scope, target) });
}

/** Recomputes the targets of a metric that a change touched: of the touched years, covering a touched date, for its rep. */
async function refreshTargets(records: PluginRecords, metric: string, touches: readonly Touch[]): Promise<void> {
  if (!touches.length) return;
  const scope = new TargetScope(records);
  const years = [...new Set(touches.map((t) => Number(t.date.slice(0, 4))))];
  for (const target of await records.list('salesTarget', { year: { $in: years }, metric })) {
    const period = targetPeriod(target);
    const covered = touches.filter((t) => period && t.date >= period.from && t.date <= period.to);
    for (const t of covered) {
      if (!(await scope.isFor(target, t.owner))) continue;
      await targetAchieved(records, scope, target);
      break;
    }
  }
}

/** Where a record counted for a metric, before or after the write: its date and its rep (`owner`), when it counted at all. */
function touchOf(metric: string, record: Row | undefined, owner: unknown): Touch[] {
  const m = TARGET_METRICS[metric]!;
  const date = record?.[m.date];
  return record && m.counts(record) && typeof date === 'string' && typeof owner === 'string' ? [{ date, owner }] : [];
}

const ownerOfOrder = async (records: PluginRecords, id: unknown) =>
  typeof id === 'string' ? ((await records.get('order', id).catch(() => undefined))?.ownerId as string | undefined) : undefined;

/** The handlers that keep targets' achieved amounts: orders, contracts and receipts written, reps moved, and targets themselves. */
export const targetHandlers = {
  order: async ({ records, before, after }: WriteEvent) => {
    if (!changedAny(before, after, ['total', 'orderDate', 'ownerId', 'status'])) return;
    await refreshTargets(records, 'orderAmount', [...touchOf('orderAmount', before, before?.ownerId), ...touchOf('orderAmount', after, after?.ownerId)]);
    // A receipt is its order's owner's: handing the order over moves its receipts' figures too.
    if (!before || !after || before.ownerId === after.ownerId) return;
    const receipts = await records.list('receipt', { order: after.id, status: 'confirmed' });
    await refreshTargets(records, 'receiptAmount', receipts.flatMap((r) => [...touchOf('receiptAmount', r, before.ownerId), ...touchOf('receiptAmount', r, after.ownerId)]));
  },
  contract: async ({ records, before, after }: WriteEvent) => {
    if (!changedAny(before, after, ['amount', 'signedDate', 'ownerId', 'status'])) return;
    await refreshTargets(records, 'contractAmount', [...touchOf('contractAmount', before, before?.ownerId), ...touchOf('contractAmount', after, after?.ownerId)]);
  },
  receipt: async ({ records, before, after }: WriteEvent) => {
    if (!changedAny(before, after, ['amount', 'paidOn', 'status', 'order'])) return;
    await refreshTargets(records, 'receiptAmount', [
      ...touchOf('receiptAmount', before, await ownerOfOrder(records, before?.order)),
      ...touchOf('receiptAmount', after, await ownerOfOrder(records, after?.order)),
    ]);
  },
  user: async ({ records, before, after }: WriteEvent) => {
    if (!before || !after || (before.team ?? null) === (after.team ?? null)) return;
    // A rep moved to another department takes their business along: the department targets of both lines are recomputed.
    const scope = new TargetScope(records);
    const departments = new Set([...(await scope.departmentsAbove(before.team)), ...(await scope.departmentsAbove(after.team))]);
    if (!departments.size) return;
    for (const target of await records.list('salesTarget', { department: { $in: [...departments] }, rep: null })) await targetAchieved(records, scope, target);
  },
  salesTarget: async ({ records, action, before, after }: WriteEvent) => {
    if (action === 'delete' || !changedAny(before, after, ['year', 'periodType', 'quarter', 'month', 'rep', 'department', 'metric'])) return;
    await targetAchieved(records, new TargetScope(records), after!);
  },
};
