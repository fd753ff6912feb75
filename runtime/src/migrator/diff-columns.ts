import type { PendingStep } from './step';
import { classifyTypeChange } from './conversion';
import type { TableMatch } from './match';
import { addColumn, convertColumn, dropColumn, dropNotNull, narrowColumn, numberColumn, renameColumn, setNotNull, widenColumn } from './steps';

const TYPE_STEPS = { widen: widenColumn, narrow: narrowColumn, convert: convertColumn } as const;

/** The field's default, which fills existing rows when a column becomes required. */
const defaultOf = (definition: unknown): unknown => (definition as { default?: unknown }).default;

/** The columns a managed table no longer wants: previously created, still live, not renamed into a wanted one. */
export function droppedColumns(match: TableMatch): string[] {
  if (!match.live || !match.managed) return [];
  const kept = new Set([...match.columns.values()].filter((c): c is string => c !== undefined));
  return match.managed.columns.map((c) => c.name).filter((c) => match.live!.columns.has(c) && !kept.has(c));
}

/** The column steps of one table that exists: add, rename, retype, nullability, drop. */
export function diffColumns(match: TableMatch): PendingStep[] {
  const live = match.live!;
  const table = match.desired.name;
  const steps: PendingStep[] = [];
  for (const column of match.desired.columns) {
    const liveName = match.columns.get(column.name);
    const fill = column.field.system ? undefined : defaultOf(column.field.definition);
    if (liveName === undefined) {
      steps.push(addColumn.pending({ table, column: column.name, desired: column, live: { table: live.name }, ...(fill === undefined ? {} : { fill }) }));
      continue;
    }
    const at = { table: live.name, column: liveName };
    if (liveName !== column.name) steps.push(renameColumn.pending({ table, column: column.name, live: at }));
    const current = live.columns.get(liveName)!;
    if (current.type !== column.type) {
      steps.push(TYPE_STEPS[classifyTypeChange(current.type, column.type)].pending({ table, column: column.name, from: current.type, to: column.type, live: at }));
    }
    // Numbered before NOT NULL is set, so the rows it fills no longer block it.
    if (column.sequence && !current.hasDefault) steps.push(numberColumn.pending({ table, column: column.name, desired: column, live: at }));
    if (column.notNull && !current.notNull) {
      steps.push(setNotNull.pending({ table, column: column.name, type: column.type, live: at, ...(fill === undefined ? {} : { fill }) }));
    }
    if (!column.notNull && current.notNull) steps.push(dropNotNull.pending({ table, column: column.name }));
  }
  for (const column of droppedColumns(match)) steps.push(dropColumn.pending({ table, column, live: { table: live.name, column } }));
  return steps;
}
