import type { Knex } from 'knex';
import type { ProcessTx } from './model';

/** What happened in a process step, as the record's history shows it beside field changes. */
export interface StepEvent {
  /** submitted, started, approved, rejected, returned, delegated, approverAdded, recalled, escalated, reassigned, timedOut, finished, cancelled, failed... */
  readonly event: string;
  readonly node?: string;
  readonly taskId?: string;
  readonly comment?: string;
  /** The user a task went to (delegation, escalation, added approver), or the status an instance finished with. */
  readonly to?: string;
  readonly status?: string;
}

/**
 * Writes a process step into the record's history (action "process"), in the transaction of the change it describes,
 * so the timeline never shows a decision that did not happen nor misses one that did.
 */
export async function writeStep(px: Pick<ProcessTx, 'trx' | 'instance' | 'actor'>, step: StepEvent): Promise<void> {
  await insertStep(px.trx, px.instance, px.actor, step);
}

/** The same for callers that hold an instance but no ProcessTx. */
export async function insertStep(trx: Knex.Transaction, instance: { id: string; process: string; version: number; entity: string; recordId: string }, actor: string | null, step: StepEvent): Promise<void> {
  await trx('tessera_history').insert({
    entity: instance.entity, record_id: instance.recordId, action: 'process', changes: '{}', user_id: actor,
    step: JSON.stringify({ process: instance.process, version: instance.version, instanceId: instance.id, ...step }),
  });
}
