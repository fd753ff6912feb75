import { prepared, run } from '../db/statement';
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

const INSERT_STEP = prepared(`insert into tessera_history (entity, record_id, action, changes, user_id, step) values ($1, $2, 'process', '{}', $3, $4)`, 'process');

/**
 * Writes a process step into the record's history (action "process"), in the transaction of the change it describes,
 * so the timeline never shows a decision that did not happen nor misses one that did.
 */
export async function writeStep(px: Pick<ProcessTx, 'trx' | 'instance' | 'actor'>, step: StepEvent): Promise<void> {
  await run(px.trx, INSERT_STEP, [px.instance.entity, px.instance.recordId, px.actor, stepJson(px, step)]);
}

/** A step as the history row stores it: which process, version and instance, and what happened. */
export function stepJson(px: Pick<ProcessTx, 'instance'>, step: StepEvent): string {
  const { instance } = px;
  return JSON.stringify({ process: instance.process, version: instance.version, instanceId: instance.id, ...step });
}
