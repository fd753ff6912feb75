import { httpScenarios, type HttpScenario } from './http-scenarios';
import { drive, type LoadSample } from './load';
import type { BenchOptions } from './options';
import { startPgCluster } from './pg-cluster';
import { seed } from './seed';
import { isMeasured, type MeasuredTarget, type RunningTarget, type Target } from './targets/target';
import { onTeardown } from './teardown';

/** One target's samples in one scenario, one per round (none for a pending target). */
export interface HttpResult {
  readonly scenario: HttpScenario;
  readonly target: Target;
  readonly rounds: readonly LoadSample[];
}

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

/**
 * Starts a throwaway PostgreSQL, seeds it, starts every measured target, and drives each scenario after a warm-up in
 * interleaved rounds (R0, R1, Tessera, R0, R1, ...), so that ratios compare figures taken moments apart.
 */
export async function runHttpSuite(targets: readonly Target[], options: BenchOptions): Promise<HttpResult[]> {
  const cluster = await startPgCluster();
  log(`${cluster.version} on ${cluster.url}`);
  const seededAt = performance.now();
  const fixture = await seed(cluster.url, options.rows);
  log(`seeded ${fixture.rows} rows in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`);
  const measured = targets.filter(isMeasured);
  const running = new Map<MeasuredTarget, RunningTarget>();
  for (const target of measured) {
    const up = await target.start({ databaseUrl: cluster.url, fixture });
    onTeardown(() => up.stop());
    running.set(target, up);
  }
  const results: HttpResult[] = [];
  const load = { connections: options.connections };
  for (const scenario of httpScenarios) {
    const next = new Map(measured.map((t) => [t, t.requests[scenario.name](fixture)]));
    const samples = new Map<Target, LoadSample[]>(targets.map((t) => [t, []]));
    for (const target of measured) {
      await drive(running.get(target)!, next.get(target)!, { ...load, seconds: options.warmupSeconds }, `${scenario.name} ${target.name} warm-up`);
    }
    for (let round = 1; round <= options.rounds; round++) {
      for (const target of measured) {
        const what = `${scenario.name} ${target.name} round ${round}/${options.rounds}`;
        const sample = await drive(running.get(target)!, next.get(target)!, { ...load, seconds: options.roundSeconds }, what);
        log(`${what}: ${Math.round(sample.rps)} req/s, p99 ${sample.p99} ms`);
        samples.get(target)!.push(sample);
      }
    }
    results.push(...targets.map((target) => ({ scenario, target, rounds: samples.get(target)! })));
  }
  return results;
}
