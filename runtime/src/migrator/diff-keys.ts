import type { LiveIndex } from './catalog';
import type { DesiredIndex } from './desired-schema';
import { droppedColumns } from './diff-columns';
import type { SchemaMatch, TableMatch } from './match';
import type { PendingStep } from './step';
import { addForeignKey, addIndex, addUnique, dropForeignKey, dropIndex } from './steps';

/** The live names of columns, when every one of them exists now. */
function liveColumns(match: TableMatch, columns: readonly string[]): string[] | undefined {
  const names = columns.map((c) => match.columns.get(c));
  return names.every((n): n is string => n !== undefined) ? names : undefined;
}

const sameColumns = (a: readonly string[], b: readonly string[] | undefined) => b !== undefined && a.join('\0') === b.join('\0');

/**
 * Whether a live index is the wanted one over these live columns. An expression index is recognised by its method,
 * the columns it reads and the functions it calls, not by PostgreSQL's printing of it, which adds casts.
 */
function sameIndex(current: LiveIndex, index: DesiredIndex, columns: readonly string[] | undefined): boolean {
  if (current.unique !== index.unique || current.method !== (index.method ?? 'btree')) return false;
  if (!index.functions?.length) return current.expressions === null && sameColumns(current.columns, columns);
  const reads = (c: readonly string[] | undefined) => c && [...new Set(c)].sort();
  return current.expressions !== null && sameColumns(reads(current.columns)!, reads(columns))
    && index.functions.every((fn) => current.expressions!.includes(`${fn}(`));
}

/** Index and unique steps of one table: add the wanted ones, drop the managed ones no longer wanted or changed. */
export function diffIndexes(match: TableMatch): PendingStep[] {
  const table = match.desired.name;
  const live = new Map<string, LiveIndex>((match.live?.indexes ?? []).map((i) => [i.name, i]));
  const managed = new Set(match.managed?.indexes.map((i) => i.name));
  const gone = new Set(droppedColumns(match));
  const steps: PendingStep[] = [];
  const wanted = new Set<string>();
  for (const index of match.desired.indexes) {
    const columns = liveColumns(match, index.columns);
    const current = live.get(index.name);
    if (current && sameIndex(current, index, columns)) {
      wanted.add(index.name);
      continue;
    }
    const params = {
      table, name: index.name, columns: index.columns, ...(index.method ? { method: index.method } : {}), ...(index.functions ? { functions: index.functions } : {}),
      ...(match.live && columns ? { live: { table: match.live.name, columns } } : {}),
    };
    steps.push((index.unique ? addUnique : addIndex).pending(params));
  }
  for (const index of live.values()) {
    if (wanted.has(index.name) || !managed.has(index.name) || index.columns.some((c) => gone.has(c))) continue;
    steps.push(dropIndex.pending({ table, name: index.name, unique: index.unique }));
  }
  return steps;
}

/** Foreign-key steps of one table: add the wanted ones (with their delete rule), drop the managed ones no longer wanted. */
export function diffForeignKeys(match: TableMatch, schema: SchemaMatch): PendingStep[] {
  const table = match.desired.name;
  const live = new Map((match.live?.foreignKeys ?? []).map((k) => [k.name, k]));
  const managed = new Set(match.managed?.foreignKeys.map((k) => k.name));
  const gone = new Set(droppedColumns(match));
  const steps: PendingStep[] = [];
  const wanted = new Set<string>();
  for (const key of match.desired.foreignKeys) {
    const column = match.columns.get(key.column);
    const liveTarget = schema.liveName(key.table);
    const current = live.get(key.name);
    if (current && current.column === column && current.table === liveTarget && current.onDelete === key.onDelete) {
      wanted.add(key.name);
      continue;
    }
    steps.push(addForeignKey.pending({
      table, column: key.column, name: key.name, target: key.table, onDelete: key.onDelete,
      ...(liveTarget === undefined ? {} : { liveTarget }),
      ...(match.live && column !== undefined ? { live: { table: match.live.name, column } } : {}),
    }));
  }
  for (const key of live.values()) {
    if (wanted.has(key.name) || !managed.has(key.name) || gone.has(key.column)) continue;
    steps.push(dropForeignKey.pending({ table, name: key.name }));
  }
  return steps;
}
