import type { StepDefinition, StepKindName } from '../step';
import { addColumn } from './add-column';
import { addForeignKey } from './add-foreign-key';
import { addIndex } from './add-index';
import { addUnique } from './add-unique';
import { convertColumn } from './convert-column';
import { createTable } from './create-table';
import { dropColumn } from './drop-column';
import { dropForeignKey } from './drop-foreign-key';
import { dropIndex } from './drop-index';
import { dropNotNull } from './drop-not-null';
import { dropTable } from './drop-table';
import { narrowColumn } from './narrow-column';
import { numberColumn } from './number-column';
import { renameColumn } from './rename-column';
import { renameTable } from './rename-table';
import { setNotNull } from './set-not-null';
import { widenColumn } from './widen-column';

/**
 * Every step kind, keyed by kind and listed in the order a plan runs them: renames first so later steps use the new
 * names, drops of keys and indexes before the columns change, new constraints once the data is in shape, and the
 * destructive drops last.
 */
export const stepKinds: Readonly<Record<StepKindName, StepDefinition>> = {
  renameTable, createTable, renameColumn, dropForeignKey, dropIndex, addColumn,
  widenColumn, narrowColumn, convertColumn, numberColumn, dropNotNull, setNotNull,
  addIndex, addUnique, addForeignKey, dropColumn, dropTable,
};

const ORDER = Object.keys(stepKinds);

/** The position of a kind in the run order. */
export const runOrder = (kind: StepKindName): number => ORDER.indexOf(kind);

export {
  addColumn, addForeignKey, addIndex, addUnique, convertColumn, createTable, dropColumn, dropForeignKey, dropIndex,
  dropNotNull, dropTable, narrowColumn, numberColumn, renameColumn, renameTable, setNotNull, widenColumn,
};
