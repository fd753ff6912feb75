/** What a scenario measured: samples in a unit, and the budget DESIGN.md §7 sets for them. */
export interface Measurement {
  readonly unit: 'ms' | 'x';
  readonly samples: readonly number[];
  readonly budget: { readonly max?: number; readonly min?: number };
  readonly note?: string;
}

/** One in-process benchmark scenario, timed in the harness itself (the HTTP scenarios are in http-scenarios.ts). */
export interface Scenario {
  readonly name: string;
  run(rounds: number): Promise<Measurement>;
}

/** The median of samples. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
