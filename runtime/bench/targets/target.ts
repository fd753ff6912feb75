/** What the harness seeded: the table's row count and the id of every seeded row, in seeding order. */
export interface Fixture {
  readonly rows: number;
  readonly ids: readonly string[];
}

/** The HTTP scenarios of DESIGN.md §7 that every target answers. */
export type HttpScenarioName = 'get' | 'list' | 'create';

/** One request of a scenario; the harness asks for a fresh one before every request it sends. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A target that is up: where to send requests, headers every request carries (a session), and how to stop it. */
export interface RunningTarget {
  readonly baseUrl: string;
  readonly headers?: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** What a target's start function is given: the throwaway database and what was seeded into it. */
export interface TargetContext {
  readonly databaseUrl: string;
  readonly fixture: Fixture;
}

/**
 * What a target is in the comparison: the ceiling (R0) and the baseline (R1) are reported as they are;
 * ratios are taken to the baseline, and budgets apply to subjects (Tessera).
 */
export type TargetRole = 'ceiling' | 'baseline' | 'subject';

/** What every registry entry has. */
interface TargetBase {
  readonly name: string;
  readonly label: string;
  readonly role: TargetRole;
  /** A caveat printed under the HTTP table, e.g. what the target does not do yet. */
  readonly note?: string;
}

/** A server the harness can measure: how to start it and how to build each scenario's requests. */
export interface MeasuredTarget extends TargetBase {
  start(context: TargetContext): Promise<RunningTarget>;
  readonly requests: Readonly<Record<HttpScenarioName, (fixture: Fixture) => () => HttpRequest>>;
}

/** A target the harness lists but cannot start yet: its rows are reported as not yet measured. */
export interface PendingTarget extends TargetBase {
  readonly pending: string;
}

/** An entry of the targets registry. */
export type Target = MeasuredTarget | PendingTarget;

/** Whether a registry entry can be measured. */
export function isMeasured(target: Target): target is MeasuredTarget {
  return !('pending' in target);
}
