/** Why a process request failed; the HTTP layer maps each kind to its status and code. */
export type ProcessErrorKind = 'notFound' | 'closed' | 'stale' | 'invalid' | 'forbidden' | 'none' | 'running' | 'notRunning';

/** A process request's failure that is safe to show the caller, with a pointer into the body when it is about one field. */
export class ProcessError extends Error {
  constructor(readonly kind: ProcessErrorKind, message: string, readonly path = '') {
    super(message);
    this.name = 'ProcessError';
  }
}
