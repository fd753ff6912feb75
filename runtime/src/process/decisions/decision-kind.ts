import type { DecisionName } from '@tessera/core';
import type { ApprovalNode } from '@tessera/metadata';
import type { ProcessTx, Task } from '../model';

/** A decision's body once checked: who it hands the task to (delegate, addApprover) or where it returns, until when, and a comment. */
export interface DecisionInput {
  readonly decision: DecisionName;
  readonly comment?: string;
  readonly to?: string;
  readonly until?: string;
  readonly revision?: number;
}

/** A decision an assignee can make on an open task: which body members it takes, and what it does under the instance's lock. */
export interface DecisionKind {
  readonly name: DecisionName;
  /** Body members beyond decision, comment and revision: required and optional. */
  readonly members: { readonly required: readonly ('to')[]; readonly optional: readonly ('to' | 'until')[] };
  apply(px: ProcessTx, node: ApprovalNode, task: Task, input: DecisionInput): Promise<void>;
}
