import type { ApprovalsResult } from './approvals/suite';
import type { HttpResult } from './http-suite';
import { median, type Measurement } from './scenario';
import { isMeasured } from './targets/target';

/** A table of the report, notes to print under it, the budgets it found missed, and what it found broken. */
export interface Section {
  readonly rows: readonly (readonly string[])[];
  readonly notes: readonly string[];
  readonly missed: readonly string[];
  /** Wrong results rather than slow ones (a decision lost or doubled): they fail even a smoke run. */
  readonly broken?: readonly string[];
}

/** Lays out rows as aligned columns, the first row being the header. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_c, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((row) => row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** The in-process budgets: each scenario's median, min and max against its budget. */
export function inProcessSection(measured: readonly { readonly name: string; readonly m: Measurement }[]): Section {
  const rows = [['scenario', 'median', 'min', 'max', 'budget', 'ok', 'note']];
  const missed: string[] = [];
  for (const { name, m } of measured) {
    const mid = median(m.samples);
    const ok = (m.budget.max === undefined || mid <= m.budget.max) && (m.budget.min === undefined || mid >= m.budget.min);
    if (!ok) missed.push(name);
    const fmt = (n: number) => `${n.toFixed(m.unit === 'x' ? 2 : 0)} ${m.unit}`;
    const budget = m.budget.max !== undefined ? `<= ${fmt(m.budget.max)}` : `>= ${fmt(m.budget.min ?? 0)}`;
    rows.push([name, fmt(mid), fmt(Math.min(...m.samples)), fmt(Math.max(...m.samples)), budget, ok ? 'yes' : 'NO', m.note ?? '']);
  }
  return { rows, notes: [], missed };
}

const ratio = (values: readonly number[], bases: readonly number[]) => median(values.map((v, i) => v / bases[i]!));
const x = (n: number) => `${n.toFixed(2)}x`;

/** The HTTP budgets: each target's median req/s and p99, and the medians of its same-round ratios to the baseline. */
export function httpSection(results: readonly HttpResult[]): Section {
  const rows = [['scenario', 'target', 'req/s', 'p99', 'req/s vs R1', 'budget', 'p99 vs R1', 'budget', 'ok']];
  const missed: string[] = [];
  const notes = new Set<string>();
  for (const result of results) {
    const { scenario, target } = result;
    if (!isMeasured(target)) {
      rows.push([scenario.label, target.label, 'not yet measured']);
      notes.add(`${target.label}: not yet measured, ${target.pending}`);
      continue;
    }
    if (target.note) notes.add(`${target.label}: ${target.note}`);
    const base = results.find((r) => r.scenario === scenario && r.target.role === 'baseline')!.rounds;
    const rps = result.rounds.map((s) => s.rps);
    const p99 = result.rounds.map((s) => s.p99);
    const rpsRatio = ratio(rps, base.map((s) => s.rps));
    const p99Ratio = ratio(p99, base.map((s) => s.p99));
    const row = [scenario.label, target.label, median(rps).toFixed(0), `${median(p99).toFixed(1)} ms`, x(rpsRatio)];
    if (target.role !== 'subject') {
      rows.push([...row, '', x(p99Ratio), '', '']);
      continue;
    }
    const ok = rpsRatio >= scenario.minThroughputRatio && p99Ratio <= scenario.maxP99Ratio;
    if (!ok) missed.push(`${scenario.label} (${target.label})`);
    rows.push([...row, `>= ${x(scenario.minThroughputRatio)}`, x(p99Ratio), `<= ${x(scenario.maxP99Ratio)}`, ok ? 'yes' : 'NO']);
  }
  return { rows, notes: [...notes], missed };
}

const perSecond = (values: readonly number[]) => values.map((v) => v.toFixed(0)).join(', ');

/** The approvals budget: the median of the rounds' decisions per second, and the audit's counts, which must all agree. */
export function approvalsSection(result: ApprovalsResult): Section {
  const { rounds, audit, minDecisionsPerSecond: min, inboxSkipped, load } = result;
  // An open task missing from its approver's inbox (GET /api/tasks, every page) is a lost task to that person.
  const broken = [...audit.mismatches, ...(inboxSkipped ? [`the approvers' inboxes left out ${inboxSkipped} open tasks`] : [])];
  const rates = rounds.map((r) => r.decisionsPerSecond);
  const rate = median(rates);
  const label = 'approval decisions sustained (quorum 2 of 3, then update + notify)';
  const ok = rate >= min && !audit.mismatches.length;
  const row = [label, rate.toFixed(0), Math.min(...rates).toFixed(0), Math.max(...rates).toFixed(0), `${median(rounds.map((r) => r.p99)).toFixed(1)} ms`];
  const dry = rounds.flatMap((r, i) => (r.dryAfter === undefined ? [] : [`round ${i + 1} after ${r.dryAfter.toFixed(1)} s`]));
  const notes = [
    `per round: ${perSecond(rates)} decisions/s (200 answers); ${perSecond(rounds.map((r) => r.answersPerSecond))} answers/s with the 409s`,
    `load average ${load.average.toFixed(1)} on ${load.cores} cores before the warm-up (other work on the machine slows every figure)`,
    ...(dry.length ? [`ran out of seeded tasks before the time was up (its rate is over the time it ran): ${dry.join(', ')}`] : []),
    ...audit.notes,
    ...broken.map((m) => `BROKEN: ${m}`),
  ];
  return {
    rows: [['scenario', 'decisions/s', 'min', 'max', 'p99', 'budget', 'ok'], [...row, `>= ${min}/s, none lost or doubled`, ok ? 'yes' : 'NO']],
    notes,
    missed: rate >= min ? [] : [`${label} (${rate.toFixed(0)}/s)`],
    broken: broken.map((m) => `approvals: ${m}`),
  };
}
