import type { AppModel } from '@tessera/core';
import type { Catalog } from './catalog';
import { diffColumns } from './diff-columns';
import { diffForeignKeys, diffIndexes } from './diff-keys';
import { matchSchema } from './match';
import type { PendingStep } from './step';
import { createTable, dropTable, renameTable } from './steps';

/**
 * Every step that turns the live schema into the one the model wants, in the order found (the plan sorts them).
 * Only tables and columns the previously applied model created are ever dropped.
 */
export function diffSchema(app: AppModel, catalog: Catalog, previous?: AppModel): PendingStep[] {
  const schema = matchSchema(app, catalog, previous);
  const steps: PendingStep[] = [];
  for (const match of schema.tables) {
    const table = match.desired.name;
    if (!match.live) steps.push(createTable.pending({ table, columns: match.desired.columns }));
    else {
      if (match.live.name !== table) steps.push(renameTable.pending({ table, live: { table: match.live.name } }));
      steps.push(...diffColumns(match));
    }
    steps.push(...diffIndexes(match), ...diffForeignKeys(match, schema));
  }
  for (const orphan of schema.orphans) steps.push(dropTable.pending({ table: orphan.live.name, live: { table: orphan.live.name } }));
  return steps;
}
