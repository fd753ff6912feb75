import type { FormError } from '@tessera/core';

/** Why a record operation failed; the HTTP layer maps each kind to its status. */
export type RecordErrorKind = 'notFound' | 'stale' | 'invalid' | 'rule' | 'forbidden' | 'locked' | 'duplicate' | 'duplicateWarning';

/** A record operation's failure that is safe to show the caller, with field errors when there are some. */
export class RecordError extends Error {
  constructor(readonly kind: RecordErrorKind, readonly errors: readonly FormError[] = [], message: string = kind) {
    super(message);
    this.name = 'RecordError';
  }
}
