import { MAX_COMMENT } from '@tessera/core';
import type { ApprovalNode } from '@tessera/metadata';
import type { Knex } from 'knex';
import { decisionKinds, type DecisionInput } from './decisions';
import type { ProcessEngine } from './engine';
import { graphOf } from './graph';
import { ProcessError } from './process-error';
import { retryDeadlocks } from './retry';
import { lockForDecision } from './store';

const BASE_MEMBERS = ['decision', 'comment', 'revision'];

/** Checks a decision body's shape: a known decision, the members it takes and their types. */
export function decisionInput(body: unknown): DecisionInput {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? body as Record<string, unknown> : undefined;
  if (!b) throw new ProcessError('invalid', 'the body must be an object such as {"decision": "approve", "comment": "..."}');
  if (typeof b.decision !== 'string' || !decisionKinds.has(b.decision)) throw new ProcessError('invalid', `decision must be one of ${decisionKinds.keys().join(', ')}`, '/decision');
  const kind = decisionKinds.get(b.decision);
  const allowed = [...BASE_MEMBERS, ...kind.members.required, ...kind.members.optional];
  const extra = Object.keys(b).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw new ProcessError('invalid', `"${extra}" does not go with decision "${kind.name}"`, `/${extra}`);
  for (const k of kind.members.required) if (b[k] === undefined) throw new ProcessError('invalid', `decision "${kind.name}" needs "${k}"`, `/${k}`);
  if (b.comment !== undefined && (typeof b.comment !== 'string' || b.comment.length > MAX_COMMENT)) throw new ProcessError('invalid', `comment must be text of at most ${MAX_COMMENT} characters`, '/comment');
  for (const k of ['to', 'until']) if (b[k] !== undefined && typeof b[k] !== 'string') throw new ProcessError('invalid', `${k} must be a string`, `/${k}`);
  if (b.revision !== undefined && !Number.isSafeInteger(b.revision)) throw new ProcessError('invalid', 'revision must be an integer', '/revision');
  return b as unknown as DecisionInput;
}

/**
 * Decides a task, in one transaction guarded by state and revision: the instance is locked first (so decisions on
 * one step are counted one after another, each exactly once), then the task, which must be the caller's and open
 * (deciding twice answers "closed") and at the revision the caller saw, if they say one. Answers the task's entity.
 */
export async function decide(engine: ProcessEngine, db: Knex, actor: string, taskId: string, input: DecisionInput): Promise<{ entity: string }> {
  return retryDeadlocks(() => db.transaction(async (trx) => {
    const locked = await lockForDecision(trx, taskId);
    if (!locked || locked.task.assignee !== actor) throw new ProcessError('notFound', 'No such task.');
    const { instance, task } = locked;
    if (task.status !== 'open' || instance.status !== 'running') throw new ProcessError('closed', `The task is ${task.status === 'open' ? 'no longer running' : task.status} and takes no more decisions.`);
    if (input.revision !== undefined && input.revision !== task.revision) throw new ProcessError('stale', 'The task has changed since it was read; read it again.');
    const px = await engine.open(trx, instance, actor);
    await decisionKinds.get(input.decision).apply(px, graphOf(px.process).node(task.node) as ApprovalNode, task, input);
    return { entity: instance.entity };
  }));
}

