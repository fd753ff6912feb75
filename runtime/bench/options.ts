/** How long and how hard a bench run works. */
export interface BenchOptions {
  /** A short run that only reports (CI): it never fails on a budget, only on a broken answer. */
  readonly smoke: boolean;
  readonly rows: number;
  readonly rounds: number;
  readonly roundSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
}

/** Reads the options from `--smoke` or BENCH_SMOKE=1; BENCH_ROUNDS overrides the number of rounds. */
export function readOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const smoke = argv.includes('--smoke') || env.BENCH_SMOKE === '1';
  const base = smoke
    ? { rows: 10_000, rounds: 1, roundSeconds: 2, warmupSeconds: 1 }
    : { rows: 100_000, rounds: 3, roundSeconds: 10, warmupSeconds: 5 };
  const rounds = env.BENCH_ROUNDS ? Number(env.BENCH_ROUNDS) : base.rounds;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`BENCH_ROUNDS must be a positive integer, not ${env.BENCH_ROUNDS}`);
  return { smoke, ...base, rounds, connections: 32 };
}
