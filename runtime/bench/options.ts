/** The parts of a bench run: the scenarios timed in the harness, the HTTP scenarios, the approvals, global search, and import with aggregates. */
export const BENCH_PARTS = ['in-process', 'http', 'approvals', 'search', 'data'] as const;

/** A part of a bench run. */
export type BenchPart = (typeof BENCH_PARTS)[number];

/** How long and how hard a bench run works. */
export interface BenchOptions {
  /** A short run that only reports (CI): it never fails on a budget, only on a broken answer. */
  readonly smoke: boolean;
  readonly rows: number;
  readonly rounds: number;
  readonly roundSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  /** The parts to run: all of them unless `--only` names some. */
  readonly only: ReadonlySet<BenchPart>;
}

/** The parts `--only a,b` (or `--only=a,b`, or BENCH_ONLY) names; every part when none is named. */
function readParts(argv: readonly string[], env: NodeJS.ProcessEnv): ReadonlySet<BenchPart> {
  const at = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  const named = at < 0 ? env.BENCH_ONLY : argv[at]!.startsWith('--only=') ? argv[at]!.slice('--only='.length) : argv[at + 1];
  if (named === undefined) return new Set(BENCH_PARTS);
  const parts = named.split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = parts.find((p) => !(BENCH_PARTS as readonly string[]).includes(p));
  if (unknown !== undefined || !parts.length) throw new Error(`--only takes parts among ${BENCH_PARTS.join(', ')}, not "${unknown ?? named}"`);
  return new Set(parts as BenchPart[]);
}

/** Reads the options from `--smoke` or BENCH_SMOKE=1; BENCH_ROUNDS overrides the number of rounds, `--only` picks parts. */
export function readOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const smoke = argv.includes('--smoke') || env.BENCH_SMOKE === '1';
  const base = smoke
    ? { rows: 10_000, rounds: 1, roundSeconds: 2, warmupSeconds: 1 }
    : { rows: 100_000, rounds: 3, roundSeconds: 10, warmupSeconds: 5 };
  const rounds = env.BENCH_ROUNDS ? Number(env.BENCH_ROUNDS) : base.rounds;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`BENCH_ROUNDS must be a positive integer, not ${env.BENCH_ROUNDS}`);
  return { smoke, ...base, rounds, connections: 32, only: readParts(argv, env) };
}
