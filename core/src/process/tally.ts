import type { ApprovalNode } from '@tessera/metadata';

/** Where an approval step stands after its votes: still open, or decided one way. */
export type Tally = 'pending' | 'approved' | 'rejected';

/** The votes cast on one approval step so far, out of how many approvers it has. */
export interface Votes {
  readonly approvers: number;
  readonly approved: number;
  readonly rejected: number;
}

/** How many approvals a step needs under its mode: any one, all, a quorum (capped at the approvers) or a percentage (rounded up). */
export function approvalsNeeded(node: Pick<ApprovalNode, 'mode' | 'quorum' | 'percent'>, approvers: number): number {
  const rule = approvalModes[node.mode ?? 'any'];
  return Math.max(1, Math.min(approvers, rule(node, approvers)));
}

const approvalModes: Record<NonNullable<ApprovalNode['mode']>, (node: Pick<ApprovalNode, 'quorum' | 'percent'>, approvers: number) => number> = {
  any: () => 1,
  all: (_node, approvers) => approvers,
  quorum: (node) => node.quorum ?? 1,
  percent: (node, approvers) => Math.ceil(((node.percent ?? 100) * approvers) / 100 - 1e-9),
};

/**
 * The outcome of a step's votes. Mode "any" is decided by its first vote either way (the Chinese 或签); the other
 * modes approve once enough approvals are in and reject as soon as enough approvals can no longer come (会签 rejects
 * on the first rejection).
 */
export function tally(node: Pick<ApprovalNode, 'mode' | 'quorum' | 'percent'>, votes: Votes): Tally {
  if ((node.mode ?? 'any') === 'any' && votes.approved + votes.rejected > 0) return votes.approved > 0 ? 'approved' : 'rejected';
  const needed = approvalsNeeded(node, votes.approvers);
  if (votes.approved >= needed) return 'approved';
  return votes.approvers - votes.rejected < needed ? 'rejected' : 'pending';
}
