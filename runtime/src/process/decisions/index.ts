import { Registry, type DecisionName } from '@tessera/core';
import type { DecisionKind } from './decision-kind';
import { addApproverDecision, delegateDecision } from './hand-over';
import { returnDecision } from './return';
import { approveDecision, rejectDecision } from './vote';

const builtin = {
  approve: approveDecision, reject: rejectDecision, return: returnDecision, delegate: delegateDecision, addApprover: addApproverDecision,
} satisfies { [D in DecisionName]: DecisionKind };

/** Every decision an assignee can make on a task, exhaustive over core's decision names. */
export const decisionKinds = new Registry<DecisionName, DecisionKind>('decision', Object.entries(builtin) as [DecisionName, DecisionKind][]);

export type { DecisionInput, DecisionKind } from './decision-kind';
