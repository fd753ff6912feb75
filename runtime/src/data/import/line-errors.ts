import { renderIssue, type ColumnMapping, type EntityModel, type FormError, type Issue, type LocalIssue } from '@tessera/core';

/** Why one line (or the file, as line 1 for its header) was refused: where, and what was wrong, in the caller's language. */
export interface LineError {
  readonly line: number;
  /** The column's header, when one column is to blame. */
  readonly column?: string;
  readonly field?: string;
  readonly code: string;
  readonly message: string;
}

/** A line error of an issue found in the file or its mapping (its path names a column: "/columns/3"). */
export function issueError(line: number, item: LocalIssue, headers: readonly string[], locale: string): LineError {
  const r = renderIssue({ ...item, file: '' } as Issue, locale === 'zh-CN' ? 'zh-CN' : 'en');
  const column = /^\/columns\/(\d+)$/.exec(item.path)?.[1];
  const header = column === undefined ? undefined : headers[Number(column)];
  const message = r.expected ? `${r.message} (${locale === 'zh-CN' ? '应为' : 'expected'} ${r.expected})` : r.message;
  return { line, ...(header === undefined ? {} : { column: header }), code: item.code, message };
}

/** Line errors of a refused write: each error's field ("/amount") is traced back to the column that filled it. */
export function recordErrors(line: number, errors: readonly FormError[], mapping: ColumnMapping, entity: EntityModel): LineError[] {
  return errors.map((e) => {
    const field = e.path.split('/')[1];
    const column = field ? mapping.columns.find((c) => c.field === field) : undefined;
    return {
      line, code: e.code, message: e.message,
      ...(column ? { column: column.header } : {}),
      ...(field && Object.hasOwn(entity.fields, field) ? { field } : {}),
    };
  });
}
