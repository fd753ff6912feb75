/** The longest comment a submit or a decision may carry. */
export const MAX_COMMENT = 4000;

/** The decisions an assignee can make on an open task (the runtime registers one behaviour for each). */
export const DECISIONS = ['approve', 'reject', 'return', 'delegate', 'addApprover'] as const;
export type DecisionName = (typeof DECISIONS)[number];

/** A task's states: open (waiting for its assignee), queued (a sequential step's later approver), or closed one way. */
export const TASK_STATUSES = ['open', 'queued', 'approved', 'rejected', 'returned', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** An instance's states: running, or finished one way. */
export const INSTANCE_STATUSES = ['running', 'approved', 'rejected', 'completed', 'cancelled', 'recalled', 'returned', 'failed'] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];
