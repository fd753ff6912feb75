/**
 * A process that cannot go on as configured (no approver can be found, a loop that never waits, a record gone): the
 * instance fails, visibly, while the decision or timer that got it there still counts.
 */
export class ProcessFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProcessFailure';
  }
}
