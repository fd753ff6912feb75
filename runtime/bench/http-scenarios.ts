import type { HttpScenarioName } from './targets/target';

/** An HTTP scenario of DESIGN.md §7 and the budgets a subject must meet in it, as ratios to R1 in the same run. */
export interface HttpScenario {
  readonly name: HttpScenarioName;
  readonly label: string;
  readonly minThroughputRatio: number;
  readonly maxP99Ratio: number;
}

/** The HTTP scenarios in run order; create goes last because it grows the table the others read. */
export const httpScenarios: readonly HttpScenario[] = [
  { name: 'get', label: 'GET one record by id', minThroughputRatio: 0.7, maxP99Ratio: 2 },
  { name: 'list', label: 'list: filter + sort, 50 rows', minThroughputRatio: 0.6, maxP99Ratio: 2 },
  { name: 'create', label: 'create', minThroughputRatio: 0.5, maxP99Ratio: 2 },
];
