/** What a database error answers: its HTTP status, a stable code and a fixed detail. */
export type Mapping = readonly [status: number, code: string, detail: string];

// SECURITY.md §1. The details are fixed texts: a pg message names tables, columns, constraints and values.
const BY_SQLSTATE: Readonly<Record<string, Mapping>> = {
  '23505': [409, 'db.unique', 'A value that must be unique is already taken.'],
  '23503': [409, 'db.reference', 'The record refers to, or is referred to by, a record that does not allow this change.'],
  '23502': [400, 'db.not-null', 'A required value is missing.'],
  '23514': [400, 'db.check', 'A value breaks a rule of the data.'],
  '22P02': [400, 'db.invalid-value', 'A value has the wrong format for its field.'],
  '22003': [400, 'db.out-of-range', 'A number is out of range for its field.'],
  '57014': [503, 'db.timeout', 'The database took too long to answer. Try again later.'],
  '40001': [409, 'db.serialization', 'The change conflicted with a concurrent change. Try again.'],
  '40P01': [409, 'db.deadlock', 'The change conflicted with a concurrent change. Try again.'],
};

// Whole SQLSTATE classes: 22 data exceptions are bad input; 08 connection and 53 resources mean the database is unavailable.
const BY_CLASS: Readonly<Record<string, Mapping>> = {
  '22': [400, 'db.invalid-value', 'A value is not valid for its field.'],
  '08': [503, 'db.unavailable', 'The database is not reachable. Try again later.'],
  '53': [503, 'db.unavailable', 'The database is overloaded. Try again later.'],
  '57': [503, 'db.unavailable', 'The database is not available. Try again later.'],
};

/** Whether a thrown value is an error reported by PostgreSQL (pg's DatabaseError, also what PGlite's shim throws). */
export function isPgError(error: unknown): error is Error & { code: string } {
  // Duck-typed, not instanceof: errors made by node's own modules come from another realm under jest's vm.
  const e = error as { code?: unknown; severity?: unknown } | null;
  return typeof e === 'object' && e !== null && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string';
}

/** The answer a database error maps to (SECURITY.md §1), or undefined for the ones that are server faults. */
export function pgErrorMapping(error: unknown): Mapping | undefined {
  if (isPgError(error)) {
    return BY_SQLSTATE[error.code] ?? BY_CLASS[error.code.slice(0, 2)];
  }
  // knex gives up waiting for a pooled connection, or the driver cannot connect at all.
  const { name, code } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; code?: unknown };
  if (name === 'KnexTimeoutError' || code === 'ECONNREFUSED' || code === 'ECONNRESET') {
    return [503, 'db.unavailable', 'The database is not reachable. Try again later.'];
  }
  return undefined;
}
