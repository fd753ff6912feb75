import { runHttpSuite } from './http-suite';
import { readOptions, type BenchOptions } from './options';
import { formatTable, httpSection, inProcessSection, type Section } from './report';
import type { Scenario } from './scenario';
import { loadAppScenario } from './scenarios/load-app';
import { startEmbeddedScenario } from './scenarios/start-embedded';
import { targets } from './targets';
import { teardown, teardownOnSignals } from './teardown';

const inProcessScenarios: Scenario[] = [loadAppScenario, startEmbeddedScenario];

const rounds = (n: number) => `${n} round${n > 1 ? 's' : ''}`;

const httpTitle = (o: BenchOptions) =>
  `HTTP on PostgreSQL, ${o.rows} rows, c=${o.connections}, ${rounds(o.rounds)} (interleaved) of ${o.roundSeconds} s ` +
  `after a ${o.warmupSeconds} s warm-up; ratios are medians of same-round ratios:`;

const print = (title: string, section: Section) =>
  process.stdout.write(`\n${title}\n${formatTable(section.rows)}\n${section.notes.map((n) => `${n}\n`).join('')}`);

/** Runs the in-process and the HTTP budgets of DESIGN.md §7, prints them, and fails when a budget is missed. */
async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2), process.env);
  const started = performance.now();
  teardownOnSignals();
  const measured = [];
  for (const scenario of inProcessScenarios) measured.push({ name: scenario.name, m: await scenario.run(options.rounds) });
  const http = httpSection(await runHttpSuite(targets, options));
  const inProcess = inProcessSection(measured);
  print(`Timed in the harness (${rounds(options.rounds)} after one warm-up):`, inProcess);
  print(httpTitle(options), http);
  const missed = [...inProcess.missed, ...http.missed];
  const verdict = missed.length ? `missed: ${missed.join('; ')}` : 'every measured budget met';
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  process.stdout.write(`\n${options.smoke ? 'smoke run, budgets not enforced; ' : ''}${verdict} (${seconds} s)\n`);
  if (missed.length && !options.smoke) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => teardown());
