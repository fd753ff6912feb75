import type { PluginRecords } from '@tessera/runtime';
import { num, type Row } from './values';

/** What a target's metric counts: which records, by which date, amount and owner, and which of them are won business. */
export interface TargetMetric {
  readonly entity: string;
  readonly date: string;
  readonly amount: string;
  /** The field naming the rep whose business it is (a receipt is its order's owner's). */
  readonly owner: string;
  /** The condition of the records that count, in the list filter language. */
  readonly won: Row;
  /** The same condition on one record as written. */
  counts(record: Row): boolean;
}

/** salesTarget.metric's options, each with what it counts. */
export const TARGET_METRICS: Readonly<Record<string, TargetMetric>> = {
  orderAmount: {
    entity: 'order', date: 'orderDate', amount: 'total', owner: 'ownerId',
    won: { status: { $nin: ['draft', 'cancelled'] } }, counts: (r) => !['draft', 'cancelled'].includes(String(r.status)),
  },
  contractAmount: {
    entity: 'contract', date: 'signedDate', amount: 'amount', owner: 'ownerId',
    won: { status: { $in: ['signed', 'expired'] } }, counts: (r) => ['signed', 'expired'].includes(String(r.status)),
  },
  receiptAmount: {
    entity: 'receipt', date: 'paidOn', amount: 'amount', owner: 'order.ownerId',
    won: { status: 'confirmed' }, counts: (r) => r.status === 'confirmed',
  },
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The first and last day (YYYY-MM-DD) of a target's year, quarter or month; none while the period is incomplete. */
export function targetPeriod(target: Row): { from: string; to: string } | undefined {
  const year = num(target.year);
  const type = target.periodType ?? 'year';
  const [first, last] = type === 'month' ? [num(target.month), num(target.month)] : type === 'quarter' ? [num(target.quarter) * 3 - 2, num(target.quarter) * 3] : [1, 12];
  if (!year || !first) return undefined;
  return { from: `${year}-${pad(first)}-01`, to: new Date(Date.UTC(year, last, 0)).toISOString().slice(0, 10) };
}

/**
 * The organisation as targets see it, read once per write: a department's target counts the business of its members
 * and of the members of every department below it, as a department's row rule (`$user.teamIds`) does.
 */
export class TargetScope {
  private parents?: Promise<Map<string, string | null>>;
  private readonly upward = new Map<string, Promise<Set<string>>>();

  constructor(private readonly records: PluginRecords) {}

  /** A user's department and every department above it. */
  departmentsOf(userId: string): Promise<Set<string>> {
    if (!this.upward.has(userId)) this.upward.set(userId, this.records.get('user', userId).catch(() => undefined).then((user) => this.departmentsAbove(user?.team)));
    return this.upward.get(userId)!;
  }

  /** A department and every department above it; none for no department. */
  async departmentsAbove(department: unknown): Promise<Set<string>> {
    const parents = await this.departmentParents();
    const found = new Set<string>();
    for (let team = typeof department === 'string' ? department : null; team && !found.has(team); team = parents.get(team) ?? null) found.add(team);
    return found;
  }

  /** The users whose business a target counts: its rep, or the members of its department and those below it. */
  async ownersOf(target: Row): Promise<string[]> {
    if (target.rep) return [target.rep as string];
    if (!target.department) return [];
    const parents = await this.departmentParents();
    const below = [target.department as string];
    for (let i = 0; i < below.length; i++) for (const [team, parent] of parents) if (parent === below[i] && !below.includes(team)) below.push(team);
    return (await this.records.list('user', { team: { $in: below } })).map((u) => u.id as string);
  }

  /** Whether a target is a user's: theirs by name, or (for a department's target) their department's or one above it. */
  async isFor(target: Row, userId: string): Promise<boolean> {
    if (target.rep) return target.rep === userId;
    return Boolean(target.department) && (await this.departmentsOf(userId)).has(target.department as string);
  }

  private departmentParents(): Promise<Map<string, string | null>> {
    this.parents ??= this.records.list('team').then((teams) => new Map(teams.map((t) => [t.id as string, (t.parent as string | null) ?? null])));
    return this.parents;
  }
}
