import type { SqlFragment } from '@tessera/core';
import type { Knex } from 'knex';

/** A step either keeps every value, or may lose or change data and so needs --allow-destructive. */
export type Safety = 'safe' | 'destructive';

/** A text in both shipped languages. */
export interface Text {
  readonly en: string;
  readonly 'zh-CN': string;
}

/** The data a step touches, counted before it runs. */
export interface Impact {
  /** Rows (or values) the step reads, changes, fills or archives. */
  readonly rows?: number;
  /** Rows that stop the step from running: nulls, duplicates, orphans, values that do not convert. */
  readonly blocking?: number;
  /** Ids of some blocking rows, to look at before fixing the data. */
  readonly samples?: readonly string[];
}

/** The kinds of steps, in the order a plan runs them (the registry in steps/index.ts follows this order). */
export type StepKindName =
  | 'renameTable' | 'createTable' | 'renameColumn' | 'dropForeignKey' | 'dropIndex' | 'addColumn'
  | 'widenColumn' | 'narrowColumn' | 'convertColumn' | 'numberColumn' | 'dropNotNull' | 'setNotNull'
  | 'addIndex' | 'addUnique' | 'addForeignKey' | 'dropColumn' | 'dropTable';

/** One step of a migration plan: plain data, printable before it runs and stored with the history. */
export interface Step {
  readonly kind: StepKindName;
  readonly safety: Safety;
  /** The table as it is named when the step runs (after earlier renames). */
  readonly table: string;
  readonly column?: string;
  readonly description: Text;
  /** The statements, in order; values are bound, identifiers quoted. */
  readonly sql: readonly SqlFragment[];
  readonly impact: Impact;
  /** Why the step cannot run as the data stands; a blocked plan is never applied. */
  readonly blocked?: Text;
  /** The data is copied to an archive table before the statements run: the whole table, or the column with the ids. */
  readonly archive?: 'table' | 'column';
}

/** Where a step works: SQL names once earlier steps ran, and where the data lives now (absent when nothing exists yet). */
export interface StepTarget {
  readonly table: string;
  readonly column?: string;
  readonly live?: { readonly table: string; readonly column?: string };
}

/** What measuring the live data found. */
export interface Measured {
  readonly impact: Impact;
  readonly blocked?: Text;
}

/** The definition of a step kind: its safety, its SQL, how it measures the data and how it describes itself. */
export interface StepDefinition<P extends StepTarget = StepTarget> {
  readonly kind: StepKindName;
  readonly safety: Safety;
  readonly archive?: 'table' | 'column';
  sql(params: P): SqlFragment[];
  /** Counts the data the step touches; runs inside the planning transaction. */
  measure?(db: Knex.Transaction, params: P): Promise<Measured>;
  describe(params: P, impact: Impact): Text;
}

/** A step chosen by the diff, measured and built once the plan is complete. */
export interface PendingStep {
  readonly kind: StepKindName;
  build(db: Knex.Transaction): Promise<Step>;
}

/** A step kind with a `pending` helper that the diff uses to choose it. */
export type StepKind<P extends StepTarget> = StepDefinition<P> & { pending(params: P): PendingStep };

/** Declares a step kind: the one place its behaviour lives. */
export function defineStep<P extends StepTarget>(definition: StepDefinition<P>): StepKind<P> {
  return {
    ...definition,
    pending: (params) => ({
      kind: definition.kind,
      build: async (db) => {
        const measured: Measured = definition.measure && params.live ? await definition.measure(db, params) : { impact: {} };
        return {
          kind: definition.kind,
          safety: definition.safety,
          table: params.table,
          ...(params.column ? { column: params.column } : {}),
          description: definition.describe(params, measured.impact),
          sql: definition.sql(params),
          impact: measured.impact,
          ...(measured.blocked ? { blocked: measured.blocked } : {}),
          ...(definition.archive ? { archive: definition.archive } : {}),
        };
      },
    }),
  };
}
