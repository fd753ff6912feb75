import { renderIssue, type Issue, type LocalIssue } from '@tessera/core';
import { RecordError, type RecordErrorKind } from '../records/record-error';
import { HttpProblem, problem } from './problem';

const STATUS: Record<RecordErrorKind, { status: number; code: string; detail: string }> = {
  notFound: { status: 404, code: 'record.not-found', detail: 'No such record.' },
  stale: { status: 412, code: 'record.stale', detail: 'The record has changed since it was read; read it again.' },
  invalid: { status: 400, code: 'record.invalid', detail: 'The body is not valid for this entity.' },
  rule: { status: 422, code: 'record.rule', detail: 'The record breaks a validation rule.' },
  forbidden: { status: 403, code: 'record.forbidden', detail: 'Your roles do not allow this.' },
};

/** A record operation's error as the problem to answer; anything else passes through unchanged. */
export function recordProblem(error: unknown): unknown {
  if (!(error instanceof RecordError)) return error;
  const s = STATUS[error.kind];
  return problem(s.status, { code: s.code, detail: s.detail, ...(error.errors.length ? { errors: error.errors } : {}) });
}

/** A 400 listing issues of the query string (or a body), each with its pointer, code and message in the locale. */
export function issuesProblem(issues: readonly LocalIssue[], locale: 'en' | 'zh-CN', code = 'query.invalid'): HttpProblem {
  const errors = issues.map((i) => {
    const r = renderIssue({ ...i, file: '' } as Issue, locale);
    return { path: i.path, code: i.code, message: r.expected ? `${r.message} (${locale === 'zh-CN' ? '应为' : 'expected'} ${r.expected})` : r.message };
  });
  return problem(400, { code, detail: 'The request is not valid.', errors });
}
