import type { Section } from '../report';
import type { DataResult } from './suite';

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const count = (n: number) => n.toLocaleString('en-US');

/** The data budgets: the import against its budget, the upsert and the aggregates reported. */
export function dataSection(result: DataResult): Section {
  const { lines, importSeconds, upsertSeconds, importBudgetSeconds: budget, aggregateRows, groups, aggregateMs, broken, load } = result;
  const ok = importSeconds <= budget;
  const rows = [
    ['scenario', 'figure', 'budget', 'ok'],
    [`CSV import of ${count(lines)} accounts (insert, all or nothing)`, `${importSeconds.toFixed(2)} s (${count(Math.round(lines / importSeconds))} lines/s)`, `< ${budget} s`, ok ? 'yes' : 'NO'],
    ['the same file again as an upsert by code (nothing changes)', `${upsertSeconds.toFixed(2)} s`, 'reported', ''],
    [`aggregate of ${count(aggregateRows)} opportunities by stage and close month (count, sum), administrator`, `${median(aggregateMs.admin).toFixed(0)} ms`, 'reported', ''],
    ['the same as a rep (row rule: their own, 1 in 20)', `${median(aggregateMs.rep).toFixed(0)} ms`, 'reported', ''],
  ];
  const notes = [
    'in process on a throwaway PostgreSQL; each imported line is mapped from Chinese headers, coerced, checked as the API checks a create, written with its history row and its search index entries',
    `${groups} groups; medians of 5 aggregates after one warm-up; load average ${load.average.toFixed(1)} on ${load.cores} cores before the import`,
    ...broken.map((b) => `BROKEN: ${b}`),
  ];
  return { rows, notes, missed: ok ? [] : [`import of ${count(lines)} lines (${importSeconds.toFixed(2)} s)`], broken: broken.map((b) => `data: ${b}`) };
}
