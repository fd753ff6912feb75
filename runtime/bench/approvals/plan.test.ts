import { APPROVERS, QUORUM } from './app';
import { planDecisions, REQUESTS_PER_SUBMISSION, votesFor } from './plan';

describe('votesFor', () => {
  it('has a quorum of distinct approvers vote, each approver in turn, and the third on one submission in four', () => {
    const votes = Array.from({ length: 20 }, (_v, n) => votesFor(n));
    for (const v of votes) {
      expect(new Set(v.voters).size).toBe(v.voters.length);
      expect(v.voters.length).toBeGreaterThanOrEqual(QUORUM);
    }
    const perApprover = Array.from({ length: APPROVERS }, (_a, i) => votes.filter((v) => v.voters.includes(i)).length);
    expect(Math.max(...perApprover) - Math.min(...perApprover)).toBeLessThanOrEqual(2);
    expect(votes.reduce((n, v) => n + v.voters.length, 0) / votes.length).toBe(REQUESTS_PER_SUBMISSION);
    expect(votes.filter((v) => v.decision === 'reject')).toHaveLength(2);
  });
});

describe('planDecisions', () => {
  it('queues the votes on a submission next to each other, numbered from the run-wide first', () => {
    const queue = planDecisions(2, 3, (i, approver) => `task-${i}-${approver}`);
    expect(queue.map((d) => d.taskId)).toEqual(['task-0-0', 'task-0-1', 'task-0-2', 'task-1-1', 'task-1-2']);
  });
});
