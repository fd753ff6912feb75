import { isDeepStrictEqual } from 'node:util';
import type { ColumnMapping, EntityModel } from '@tessera/core';
import type { Row } from '../../db/statement';
import { checkUpdateBody, prepareCreate, prepareUpdate, type RecordContext } from '../../records/operations';
import { RecordError } from '../../records/record-error';
import { prepareSideValues } from '../../records/side-writes';
import { recordErrors, type LineError } from './line-errors';

/** A line whose values are known: the body its columns give, and the record its key names (upsert). */
export interface ReadyLine {
  readonly line: number;
  readonly body: Row;
  readonly id?: string;
  readonly before?: Row;
}

/** What a line will do: insert a record, update one, nothing (no value changes), or fail. */
export type PreparedLine =
  | { readonly line: number; readonly kind: 'insert'; readonly record: Row }
  | { readonly line: number; readonly kind: 'update'; readonly record: Row; readonly before: Row }
  | { readonly line: number; readonly kind: 'unchanged'; readonly id: string }
  | { readonly line: number; readonly kind: 'failed'; readonly errors: readonly LineError[] };

/** What a refusal without field errors says. */
const REFUSED: Partial<Record<RecordError['kind'], { en: string; 'zh-CN': string }>> = {
  forbidden: { en: 'your roles do not allow this', 'zh-CN': '您的角色不允许此操作' },
  notFound: { en: 'your roles do not allow importing these records', 'zh-CN': '您的角色不允许导入这些记录' },
  locked: { en: 'the record is locked by a running approval', 'zh-CN': '记录正在审批中，已锁定' },
};

/** A line that will write: an insert or an update. */
export type WritingLine = Extract<PreparedLine, { kind: 'insert' | 'update' }>;

/** Whether an update would change no value: a second run of the same file writes nothing and keeps every version. */
const unchanged = (before: Row, body: Row) => Object.keys(body).every((k) => isDeepStrictEqual(before[k] ?? null, body[k] ?? null));

/**
 * Checks a line as the REST API checks a create or an update (permissions, field rules, the form schema, rules and
 * row conditions), so an import writes nothing the API would refuse.
 */
export async function prepareLine(ctx: RecordContext, entity: EntityModel, mapping: ColumnMapping, ready: ReadyLine): Promise<PreparedLine> {
  try {
    if (ready.before) {
      const before = ready.before;
      if (unchanged(before, ready.body)) return { line: ready.line, kind: 'unchanged', id: before.id as string };
      const access = checkUpdateBody(ctx, entity, ready.body);
      const record = await prepareUpdate(ctx, entity, before, await prepareSideValues(entity, ready.body), access);
      return { line: ready.line, kind: 'update', record, before };
    }
    const record = await prepareCreate(ctx, entity, ready.body);
    return { line: ready.line, kind: 'insert', record: ready.id ? { ...record, id: ready.id } : record };
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    const text = REFUSED[error.kind] ?? REFUSED.forbidden!;
    const errors = error.errors.length ? error.errors : [{ path: '', code: error.kind, message: ctx.locale === 'zh-CN' ? text['zh-CN'] : text.en }];
    return { line: ready.line, kind: 'failed', errors: recordErrors(ready.line, errors, mapping, entity) };
  }
}
