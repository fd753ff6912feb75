import { APPROVERS } from './app';

/** One decision to send: the task, the approver it is assigned to (an index into People.approvers), and the vote. */
export interface DecisionRequest {
  readonly taskId: string;
  readonly approver: number;
  readonly decision: 'approve' | 'reject';
}

/** Who votes on the n-th submission of the run, and how. */
export interface Votes {
  /** Indexes of the approvers who vote, in the order their requests are queued. */
  readonly voters: readonly number[];
  readonly decision: DecisionRequest['decision'];
}

/**
 * Who votes on the n-th submission. Two approvers, taking turns so every approver's inbox is worked, reach the quorum;
 * every 4th submission the third votes too, at the same moment, so that a task the quorum closes while its decision is
 * under way is part of the load (that request must answer 409, and its task end cancelled). Every 10th submission is
 * rejected, so the rejected branch runs too.
 */
export function votesFor(n: number): Votes {
  const voters = [n % APPROVERS, (n + 1) % APPROVERS];
  if (n % 4 === 3) voters.push((n + 2) % APPROVERS);
  return { voters, decision: n % 10 === 9 ? 'reject' : 'approve' };
}

/**
 * The requests for submissions in order: each one's votes queued next to each other, so they are in flight together
 * and race for the instance's lock (the case where a decision could be lost or counted twice). `tasks(i, a)` is the
 * task of approver a on the i-th submission; `first` is the run-wide number of the first.
 */
export function planDecisions(count: number, first: number, tasks: (i: number, approver: number) => string): DecisionRequest[] {
  const queue: DecisionRequest[] = [];
  for (let i = 0; i < count; i++) {
    const { voters, decision } = votesFor(first + i);
    for (const approver of voters) queue.push({ taskId: tasks(i, approver), approver, decision });
  }
  return queue;
}

/** Requests per submission on average under votesFor: two votes, and a third on one in four. */
export const REQUESTS_PER_SUBMISSION = 2.25;
