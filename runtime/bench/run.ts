import { runApprovals } from './approvals/suite';
import { dataSection } from './data/report';
import { runDataBench } from './data/suite';
import { searchSection } from './search/report';
import { runSearch } from './search/suite';
import { runHttpSuite } from './http-suite';
import { readOptions, type BenchOptions } from './options';
import { approvalsSection, formatTable, httpSection, inProcessSection, type Section } from './report';
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

const approvalsTitle = (o: BenchOptions) =>
  `Approvals on PostgreSQL over HTTP, c=${o.connections}, ${rounds(o.rounds)} of ${o.roundSeconds} s after a ${o.warmupSeconds} s warm-up, ` +
  'then every answer checked against the database:';

const print = (title: string, section: Section) =>
  process.stdout.write(`\n${title}\n${formatTable(section.rows)}\n${section.notes.map((n) => `${n}\n`).join('')}`);

/** Runs the in-process, HTTP and approvals budgets of DESIGN.md §7 (or those `--only` names), prints them, and fails when a budget is missed. */
async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2), process.env);
  const started = performance.now();
  teardownOnSignals();
  const sections: Array<{ title: string; section: Section }> = [];
  if (options.only.has('in-process')) {
    const measured = [];
    for (const scenario of inProcessScenarios) measured.push({ name: scenario.name, m: await scenario.run(options.rounds) });
    sections.push({ title: `Timed in the harness (${rounds(options.rounds)} after one warm-up):`, section: inProcessSection(measured) });
  }
  if (options.only.has('http')) sections.push({ title: httpTitle(options), section: httpSection(await runHttpSuite(targets, options)) });
  if (options.only.has('approvals')) sections.push({ title: approvalsTitle(options), section: approvalsSection(await runApprovals(options)) });
  if (options.only.has('search')) sections.push({ title: 'Global search on PostgreSQL over HTTP (GET /api/search):', section: searchSection(await runSearch(options)) });
  if (options.only.has('data')) sections.push({ title: 'Import and aggregates on PostgreSQL:', section: dataSection(await runDataBench(options)) });
  for (const { title, section } of sections) print(title, section);
  const missed = sections.flatMap(({ section }) => section.missed);
  const broken = sections.flatMap(({ section }) => section.broken ?? []);
  const verdict = [
    ...(broken.length ? [`broken: ${broken.join('; ')}`] : []),
    missed.length ? `missed: ${missed.join('; ')}` : 'every measured budget met',
  ].join('; ');
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  process.stdout.write(`\n${options.smoke ? 'smoke run, budgets not enforced; ' : ''}${verdict} (${seconds} s)\n`);
  // A wrong result (a decision lost or doubled) fails even a smoke run, like a broken answer in the HTTP suite.
  if (broken.length || (missed.length && !options.smoke)) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => teardown());
