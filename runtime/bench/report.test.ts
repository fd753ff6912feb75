import { httpScenarios } from './http-scenarios';
import type { HttpResult } from './http-suite';
import { approvalsSection, httpSection } from './report';
import type { MeasuredTarget, Target } from './targets/target';

const measured = (name: string, role: Target['role']): MeasuredTarget => ({
  name, label: name, role, start: () => Promise.reject(new Error('not started in this test')),
  requests: { get: () => () => ({ method: 'GET', path: '/' }), list: () => () => ({ method: 'GET', path: '/' }), create: () => () => ({ method: 'GET', path: '/' }) },
});
const get = httpScenarios[0]!;
const r1 = measured('r1', 'baseline');
const rounds = (...pairs: [number, number][]) => pairs.map(([rps, p99]) => ({ rps, p99 }));

describe('httpSection', () => {
  it('takes the median of same-round ratios, not the ratio of medians', () => {
    const subject = measured('subject', 'subject');
    const section = httpSection([
      { scenario: get, target: r1, rounds: rounds([1000, 10], [2000, 10], [500, 10]) },
      { scenario: get, target: subject, rounds: rounds([600, 10], [1900, 10], [450, 10]) },
    ]);
    // Same-round ratios 0.6, 0.95 and 0.9 have the median 0.9; the ratio of medians would be 600 / 1000.
    expect(section.rows[2]).toEqual([get.label, 'subject', '600', '10.0 ms', '0.90x', '>= 0.70x', '1.00x', '<= 2.00x', 'yes']);
    expect(section.missed).toEqual([]);
  });

  it('reports a missed budget only for a subject', () => {
    const results: HttpResult[] = [
      { scenario: get, target: measured('r0', 'ceiling'), rounds: rounds([100, 90]) },
      { scenario: get, target: r1, rounds: rounds([1000, 10]) },
      { scenario: get, target: measured('slow', 'subject'), rounds: rounds([1000, 25]) },
    ];
    expect(httpSection(results).missed).toEqual([`${get.label} (slow)`]);
  });

  it('lists a pending target as not yet measured without failing', () => {
    const pending: Target = { name: 'tessera', label: 'Tessera', role: 'subject', pending: 'no server yet' };
    const section = httpSection([{ scenario: get, target: r1, rounds: rounds([1000, 10]) }, { scenario: get, target: pending, rounds: [] }]);
    expect(section.rows[2]).toEqual([get.label, 'Tessera', 'not yet measured']);
    expect(section.notes).toEqual(['Tessera: not yet measured, no server yet']);
    expect(section.missed).toEqual([]);
  });

  it('prints a measured target\'s note once under the table', () => {
    const subject = { ...measured('subject', 'subject'), note: 'no row rule yet' };
    const list = httpScenarios[1]!;
    const section = httpSection([
      { scenario: get, target: r1, rounds: rounds([1000, 10]) }, { scenario: get, target: subject, rounds: rounds([900, 10]) },
      { scenario: list, target: r1, rounds: rounds([1000, 10]) }, { scenario: list, target: subject, rounds: rounds([900, 10]) },
    ]);
    expect(section.notes).toEqual(['subject: no row rule yet']);
  });
});

describe('approvalsSection', () => {
  const audit = { notes: ['decisions: 10 answered 200 = 10 tasks decided'], mismatches: [] as string[] };
  const round = (decisionsPerSecond: number, p99: number) => ({ decisionsPerSecond, answersPerSecond: decisionsPerSecond * 1.1, p99 });
  const result = (rates: number[], mismatches: string[] = []) => ({
    rounds: rates.map((r) => round(r, 40)), audit: { ...audit, mismatches }, minDecisionsPerSecond: 300, inboxSkipped: 0, load: { average: 0.5, cores: 2 },
  });

  it('takes the median round against the budget, with the audit\'s counts under the table', () => {
    const section = approvalsSection(result([350, 280, 320]));
    expect(section.rows[1]).toEqual([expect.stringMatching(/^approval decisions/), '320', '280', '350', '40.0 ms', '>= 300/s, none lost or doubled', 'yes']);
    expect(section.notes).toContain(audit.notes[0]);
    expect(section).toMatchObject({ missed: [], broken: [] });
  });

  it('misses the budget when slow, and reports a count that does not add up as broken even when fast', () => {
    expect(approvalsSection(result([250])).missed).toEqual([expect.stringMatching(/\(250\/s\)$/)]);
    const broken = approvalsSection(result([900], ['1 tasks with two decision steps (doubled)']));
    expect(broken.rows[1]!.at(-1)).toBe('NO');
    expect(broken.missed).toEqual([]);
    expect(broken.broken).toEqual(['approvals: 1 tasks with two decision steps (doubled)']);
  });
});
