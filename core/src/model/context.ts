import type { SqlFragment } from '../sql/fragment';
import type { AppModel } from './app-model';

/** The values placeholders stand for while a condition or formula is evaluated or compiled. */
export interface PlaceholderValues {
  readonly user?: { readonly id: string; readonly teamIds: readonly string[]; readonly subordinateIds: readonly string[] };
  /** $now, an instant. */
  readonly now: Date;
  /** $today, a calendar date (YYYY-MM-DD) in the app's time zone. */
  readonly today: string;
}

/** A record as plain data: camelCase field names to values (lookups hold the target's id). */
export type RecordData = Readonly<Record<string, unknown>>;

/** What in-memory evaluation needs: the model, placeholder values and a way to follow lookups. */
export interface EvalContext {
  readonly app: AppModel;
  readonly values: PlaceholderValues;
  /** The record a lookup points to, or undefined when there is none (or it may not be read). */
  lookup(entity: string, id: string): RecordData | undefined;
}

/** What compiling to SQL needs: the model, the alias of the entity's table, and placeholder values. */
export interface SqlContext {
  readonly app: AppModel;
  /** The alias (or table name) the entity's row is known by in the query. */
  readonly alias: string;
  readonly values: PlaceholderValues;
  /** A fresh alias for a subquery (lookups are followed through correlated subqueries). */
  nextAlias(): string;
  /**
   * The rows of an entity a path may read through a lookup, as SQL over the row known by alias (undefined: every row).
   * A user's filter reads only rows the user may read: through a lookup to any other, the path is empty, as if the
   * lookup pointed nowhere. Unset when the server itself reads (rules, row permissions).
   */
  readonly lookupScope?: (entity: string, alias: string) => SqlFragment | undefined;
}

/** A counter-based alias source for SqlContext.nextAlias. */
export function aliasSource(prefix = 't'): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}
