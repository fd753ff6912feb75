import { evaluateCondition, type Access, type EntityModel, type FormError, type FormVariant, type Permissions, type RecordData } from '@tessera/core';
import type { Knex } from 'knex';
import { prepared, run, type Row } from '../db/statement';
import { SHARES_TABLE } from '../sharing/shares-table';
import type { RecordContext } from './operations';
import { RecordError } from './record-error';
import { ruleErrors } from './validate';
import { withLookups, type ReadRecord } from './with-lookups';

const CANNOT_WRITE = { en: 'you may not write this field', 'zh-CN': '无权写入此字段' } as const;

/** Refuses a body that sets fields the action may not write: 403, with each such field's path. */
export function checkWritable(access: Access, entity: EntityModel, body: unknown, locale: string): void {
  if (access.allFields || body === null || typeof body !== 'object') return;
  const denied = Object.keys(body).filter((k) => Object.hasOwn(entity.fields, k) && !access.fields.has(k));
  if (denied.length) {
    throw new RecordError('forbidden', denied.map((k) => ({ path: `/${k}`, code: 'forbidden', message: locale === 'zh-CN' ? CANNOT_WRITE['zh-CN'] : CANNOT_WRITE.en })));
  }
}

/** A record as the caller may see it: the fields their readable model shows (computed fields over hidden ones hidden too). */
export function visible(permissions: Permissions, entity: EntityModel, record: Row): Row {
  if (permissions.admin) return record;
  const shown = permissions.model.entities[entity.name]?.fields ?? {};
  const out: Row = {};
  for (const key of Object.keys(record)) if (Object.hasOwn(shown, key)) out[key] = record[key];
  return out;
}

const NOT_VALID = { en: 'the record is not valid', 'zh-CN': '记录无效' } as const;

/**
 * Errors as the caller may see them: one about a field they may not read points at the record instead. A rule keeps
 * its code and message (written for the people who fill the form); a schema error, which would describe the hidden
 * field's constraints, becomes a generic one.
 */
export function visibleErrors(permissions: Permissions, entity: EntityModel, errors: readonly FormError[], locale: string): FormError[] {
  if (permissions.admin) return [...errors];
  const shown = permissions.model.entities[entity.name]?.fields ?? {};
  return errors.map((e) => {
    const field = e.path.split('/')[1];
    if (!field || !Object.hasOwn(entity.fields, field) || Object.hasOwn(shown, field)) return e;
    return e.code.startsWith('rule:') ? { ...e, path: '' } : { path: '', code: 'invalid', message: locale === 'zh-CN' ? NOT_VALID['zh-CN'] : NOT_VALID.en };
  });
}

/** History entries showing only the changes of fields the caller may read. */
export function visibleHistory<T extends { changes: Record<string, unknown> }>(permissions: Permissions, entity: EntityModel, entries: readonly T[]): T[] {
  if (permissions.admin) return [...entries];
  return entries.map((e) => ({ ...e, changes: visible(permissions, entity, e.changes) }));
}

/** What checking a record to be written found: rule violations, and whether the access's row condition holds. */
export interface WriteCheck {
  readonly errors: FormError[];
  readonly inScope: boolean;
}

/**
 * Evaluates a record's rules and an access's row condition together, reading through lookups once for both. Every rule
 * holds, those over fields the caller may not read too (visibleErrors then hides which field).
 */
export function checkRecord(ctx: RecordContext, entity: EntityModel, variant: FormVariant, record: RecordData, access: Access, read: ReadRecord): Promise<WriteCheck> {
  return withLookups(ctx.app, ctx.values, read, (ectx) => ({
    errors: ruleErrors(ctx.app, entity.name, variant, record, ectx, ctx.locale),
    inScope: !access.where || evaluateCondition(access.where, record, ectx),
  }));
}

/** Whether an access's row condition holds for a record (reading through lookups). */
export function inScope(ctx: RecordContext, record: RecordData, access: Access, read: ReadRecord): Promise<boolean> {
  const where = access.where;
  if (!where) return Promise.resolve(access.allowed);
  return withLookups(ctx.app, ctx.values, read, (ectx) => evaluateCondition(where, record, ectx));
}

const SHARED_FOR_EDIT = prepared(`select 1 from ${SHARES_TABLE} s where s.entity = $1 and s.record_id = $2 and s.access = 'edit'
  and (s.user_id = $3 or s.team_id = any($4::uuid[])) limit 1`, 'sharing');

/** Whether a record is shared for editing with the user or one of their departments (asked only when the role's condition fails). */
export async function sharedForEdit(db: Knex | Knex.Transaction, ctx: RecordContext, entity: string, id: string): Promise<boolean> {
  const user = ctx.values.user;
  if (!user) return false;
  return (await run(db, SHARED_FOR_EDIT, [entity, id, user.id, [...user.teamIds]])).length > 0;
}
