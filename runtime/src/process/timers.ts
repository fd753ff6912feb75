import type { ApprovalNode } from '@tessera/metadata';
import type { Knex } from 'knex';
import type { ProcessEngine } from './engine';
import { graphOf } from './graph';
import { writeStep } from './history-steps';
import type { ProcessTx } from './model';
import { reassignTask } from './reassign';
import { retryDeadlocks } from './retry';
import { lockInstance, lockTask, waitingTokens } from './store';
import type { TimerData } from './timer-data';
import { timeoutActions } from './timeout-actions';

type Kind<K extends TimerData['kind']> = (px: ProcessTx, data: Extract<TimerData, { kind: K }>) => Promise<void>;

/** True when a due time is still ahead on the engine's clock: the job came early (the clock is the engine's, not the database's). */
const early = (px: ProcessTx, due: string | null) => due !== null && new Date(due).getTime() > px.now.getTime();

/**
 * What each timer does when its job runs. Each checks, under the instance's lock, that what it was set for still
 * stands (the token still waits, the task is open at the same revision): a timer that comes twice, or after a
 * decision, does nothing, so every timer acts at most once.
 */
const timerKinds: { [K in TimerData['kind']]: Kind<K> } = {
  token: async (px, data) => {
    const token = (await waitingTokens(px.trx, px.instance.id)).find((t) => t.id === data.tokenId);
    if (!token) return;
    if (early(px, token.dueAt)) return px.engine.timer(px.trx, data, new Date(token.dueAt!));
    await writeStep(px, { event: 'waited', node: token.node });
    await px.engine.resume(px, token.id, null);
  },
  task: async (px, data) => {
    const task = await lockTask(px.trx, data.taskId);
    if (task?.status !== 'open' || task.revision !== data.revision) return;
    if (early(px, task.dueAt)) return px.engine.timer(px.trx, data, new Date(task.dueAt!));
    const node = graphOf(px.process).node(task.node) as ApprovalNode;
    await timeoutActions[node.timeout!.then](px, node, task);
  },
  delegation: async (px, data) => {
    const task = await lockTask(px.trx, data.taskId);
    if (task?.status !== 'open' || task.revision !== data.revision || !task.originalAssignee) return;
    if (early(px, task.delegatedUntil)) return px.engine.timer(px.trx, data, new Date(task.delegatedUntil!));
    await reassignTask(px, graphOf(px.process).node(task.node) as ApprovalNode, task, task.originalAssignee, { event: 'delegationEnded' });
  },
};

/** Runs a timer job in its own transaction, under the lock of its instance (an instance no longer running ignores it). */
export async function fireTimer(engine: ProcessEngine, db: Knex, data: TimerData): Promise<void> {
  await retryDeadlocks(() => db.transaction(async (trx) => {
    const instance = await lockInstance(trx, data.instanceId);
    if (instance?.status !== 'running') return;
    const px = await engine.open(trx, instance, null);
    await (timerKinds[data.kind] as Kind<TimerData['kind']>)(px, data);
  }));
}
