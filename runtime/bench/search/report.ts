import type { Section } from '../report';
import type { SearchResult } from './suite';

/** The q-th quantile of samples (nearest rank). */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * q) - 1)] ?? 0;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const count = (n: number) => n.toLocaleString('en-US');

/** The search budget: each query's p50, p95 and p99, its selectivity, and its p95 against the budget. */
export function searchSection(result: SearchResult): Section {
  const { queries, p95BudgetMs: budget, rows, load, failures } = result;
  const total = rows.accounts + rows.contacts;
  const table = [['query', 'q', 'matches (all)', "matches (the user's)", 'hits', 'p50', 'p95', 'p99', 'budget', 'ok']];
  const missed: string[] = [];
  for (const r of queries) {
    const p95 = quantile(r.latencies, 0.95);
    const ok = r.latencies.length > 0 && p95 <= budget;
    if (!ok) missed.push(`search ${r.label} (p95 ${ms(p95)})`);
    const share = `${count(r.matches.all)} (${((r.matches.all / total) * 100).toFixed(2)}%)`;
    table.push([r.label, r.q, share, count(r.matches.mine), String(r.hits), ms(quantile(r.latencies, 0.5)), ms(p95), ms(quantile(r.latencies, 0.99)), `p95 <= ${budget} ms`, ok ? 'yes' : 'NO']);
  }
  const notes = [
    `${count(rows.accounts)} accounts and ${count(rows.contacts)} contacts; ${queries[0]?.latencies.length ?? 0} requests a query, one at a time, after 20 unmeasured`,
    'as a non-administrator reading their own rows (1 owner in 20) with a searchable field hidden; limit 20, both entities',
    `load average ${load.average.toFixed(1)} on ${load.cores} cores before the first request (other work on the machine slows every figure)`,
    ...failures.map((f) => `BROKEN: ${f}`),
  ];
  return { rows: table, notes, missed, broken: failures.map((f) => `search: ${f}`) };
}
