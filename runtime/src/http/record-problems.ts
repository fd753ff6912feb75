import { renderIssue, type Issue, type LocalIssue } from '@tessera/core';
import { ProcessError, type ProcessErrorKind } from '../process/process-error';
import { RecordError, type RecordErrorKind } from '../records/record-error';
import { HttpProblem, problem } from './problem';

const STATUS: Record<RecordErrorKind, { status: number; code: string; detail: string }> = {
  notFound: { status: 404, code: 'record.not-found', detail: 'No such record.' },
  stale: { status: 412, code: 'record.stale', detail: 'The record has changed since it was read; read it again.' },
  invalid: { status: 400, code: 'record.invalid', detail: 'The body is not valid for this entity.' },
  rule: { status: 422, code: 'record.rule', detail: 'The record breaks a validation rule.' },
  forbidden: { status: 403, code: 'record.forbidden', detail: 'Your roles do not allow this.' },
  locked: { status: 409, code: 'record.locked', detail: 'The record is locked while an approval runs on it.' },
  duplicate: { status: 409, code: 'duplicate', detail: 'A record with the same values exists, and a duplicate rule forbids another.' },
  duplicateWarning: { status: 409, code: 'duplicate.warning', detail: 'A similar record exists; send allowDuplicates=true to save this one anyway.' },
};

/** A record operation's error as the problem to answer; anything else passes through unchanged. */
export function recordProblem(error: unknown): unknown {
  if (!(error instanceof RecordError)) return error;
  const s = STATUS[error.kind];
  return problem(s.status, { code: s.code, detail: s.detail, ...(error.errors.length ? { errors: error.errors } : {}) });
}

const PROCESS_STATUS: Record<ProcessErrorKind, { status: number; code: string }> = {
  notFound: { status: 404, code: 'process.not-found' },
  closed: { status: 409, code: 'task.closed' },
  stale: { status: 412, code: 'task.stale' },
  invalid: { status: 400, code: 'process.invalid' },
  forbidden: { status: 403, code: 'process.forbidden' },
  none: { status: 422, code: 'process.none' },
  running: { status: 409, code: 'process.running' },
  notRunning: { status: 409, code: 'process.not-running' },
};

/** A process operation's error as the problem to answer (its message names what went wrong); anything else passes through. */
export function processProblem(error: unknown): unknown {
  if (!(error instanceof ProcessError)) return error;
  const s = PROCESS_STATUS[error.kind];
  return problem(s.status, { code: s.code, detail: error.message, ...(error.path ? { errors: [{ path: error.path, code: s.code, message: error.message }] } : {}) });
}

/** A 400 listing issues of the query string (or a body), each with its pointer, code and message in the locale. */
export function issuesProblem(issues: readonly LocalIssue[], locale: 'en' | 'zh-CN', code = 'query.invalid'): HttpProblem {
  const errors = issues.map((i) => {
    const r = renderIssue({ ...i, file: '' } as Issue, locale);
    return { path: i.path, code: i.code, message: r.expected ? `${r.message} (${locale === 'zh-CN' ? '应为' : 'expected'} ${r.expected})` : r.message };
  });
  return problem(400, { code, detail: 'The request is not valid.', errors });
}
