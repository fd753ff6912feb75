import { randomUUID } from 'node:crypto';
import type { AppModel } from '@tessera/core';
import type { Knex } from 'knex';
import type { Jobs } from '../jobs/jobs';
import { graphOf } from './graph';
import { ProcessFailure } from './failure';
import { stepJson, writeStep } from './history-steps';
import type { Arrival, Instance, ProcessTx } from './model';
import { nodeExecutors } from './nodes';
import { cancelOpenTasks, endTokens, finishInstance, insertInstance, insertToken, lockInstance, lockRecord, runningChildren, waitingTokens } from './store';
import { TIMER_QUEUE, type TimerData } from './timer-data';
import type { ProcessVersions } from './versions';

// Arrivals one transaction may handle before the instance is declared stuck in a loop that never waits.
const MAX_STEPS = 1000;

/** What starting an instance needs. */
export interface StartInput {
  readonly process: string;
  readonly recordId: string;
  readonly trigger: string;
  /** Makes the start idempotent: a trigger run twice with one key starts one instance. */
  readonly triggerKey?: string;
  readonly actor: string | null;
  readonly submittedBy: string | null;
  readonly parent?: { readonly id: string; readonly token: string };
  /** The submitter's words, kept in the history step that starts the instance. */
  readonly comment?: string;
}

/**
 * Runs process instances inside the caller's transactions: starting them, moving tokens through nodes, resuming
 * what waited (a decision, a timer, a child instance) and finishing them. Everything an instance does in one step
 * (tasks, record writes, history, messages, timers) commits or rolls back together.
 */
export class ProcessEngine {
  constructor(
    readonly app: AppModel,
    readonly versions: ProcessVersions,
    /** The published version each process starts new instances at. */
    readonly current: ReadonlyMap<string, number>,
    private readonly jobs: Jobs,
    /** The engine's clock: due times and timer checks read it, so tests can move time. */
    readonly clock: () => Date = () => new Date(),
    /** Where people reach the app (TESSERA_PUBLIC_URL), so that links in e-mails work; links stay relative without it. */
    private readonly publicUrl = '',
  ) {}

  /** A link to a page of the app, absolute when the public URL is known. */
  link(path: string): string {
    return `${this.publicUrl.replace(/\/+$/, '')}${path}`;
  }

  /** Loads a locked instance's version definition for work in a transaction (its record is read when first needed). */
  async open(trx: Knex.Transaction, instance: Instance, actor: string | null): Promise<ProcessTx> {
    const process = await this.versions.get(instance.process, instance.version, trx);
    return { trx, engine: this, instance, process, entity: this.app.entities[instance.entity]!, actor, now: this.clock() };
  }

  /** Starts an instance of a process's current version on a record and runs it until it waits or ends; undefined if its trigger key ran already. */
  async start(trx: Knex.Transaction, input: StartInput): Promise<Instance | undefined> {
    const version = this.current.get(input.process);
    const definition = version === undefined ? undefined : this.app.processes[input.process];
    if (version === undefined || !definition) throw new Error(`process "${input.process}" is not published`);
    const instance: Instance = {
      id: randomUUID(), process: input.process, version, entity: definition.entity, recordId: input.recordId, status: 'running', outcome: null,
      submittedBy: input.submittedBy, parentId: input.parent?.id ?? null, parentToken: input.parent?.token ?? null, locks: definition.lockRecord === true,
    };
    if (!(await insertInstance(trx, { ...instance, trigger: input.trigger, triggerKey: input.triggerKey ?? null }))) return undefined;
    const px = await this.open(trx, instance, input.actor);
    if (instance.locks) await lockRecord(trx, instance);
    await writeStep(px, { event: input.trigger === 'submit' ? 'submitted' : 'started', ...(input.comment ? { comment: input.comment } : {}) });
    await this.run(px, this.follow(px, graphOf(px.process).start.id, null));
    return instance;
  }

  /** Moves a waiting token on along an outcome's edges (null: the unnamed ones); false when it no longer waited. */
  async resume(px: ProcessTx, tokenId: string, outcome: string | null): Promise<boolean> {
    const [ended] = await endTokens(px.trx, [tokenId]);
    if (!ended) return false;
    await this.goOn(px, ended.node, outcome);
    return true;
  }

  /** Moves on from a node whose token has just ended (a closed approval round) along an outcome's edges. */
  async goOn(px: ProcessTx, nodeId: string, outcome: string | null): Promise<void> {
    await this.run(px, this.follow(px, nodeId, outcome));
  }

  /** Sends a token to a node from outside the graph's edges (a step returned to an earlier approval). */
  async enter(px: ProcessTx, nodeId: string): Promise<void> {
    await this.run(px, [{ tokenId: randomUUID(), node: graphOf(px.process).node(nodeId), from: null }]);
  }

  /** Schedules a timer job in the transaction, due at an instant. */
  async timer(trx: Knex.Transaction, data: TimerData, dueAt: Date): Promise<void> {
    await this.jobs.send(trx, TIMER_QUEUE, { ...data }, dueAt);
  }

  /**
   * Ends an instance now with a status: its tokens and open tasks closed, the subprocesses it waits for cancelled,
   * its lock released, its history written.
   */
  async end(px: ProcessTx, status: Instance['status'], step: { event: string; comment?: string }, error?: string): Promise<void> {
    const tokens = await waitingTokens(px.trx, px.instance.id);
    await endTokens(px.trx, tokens.map((t) => t.id));
    await cancelOpenTasks(px.trx, px.instance.id);
    for (const child of await runningChildren(px.trx, px.instance.id)) {
      await this.end(await this.open(px.trx, child, px.actor), 'cancelled', { event: 'cancelled', comment: `"${px.instance.process}" ended` });
    }
    await this.finish(px, status, step, error);
  }

  /** Runs arrivals until every token waits or its branch ends, then finishes the instance if nothing waits. */
  private async run(px: ProcessTx, arrivals: Arrival[]): Promise<void> {
    try {
      await this.walk(px, arrivals);
    } catch (error) {
      if (!(error instanceof ProcessFailure)) throw error;
      await this.end(px, 'failed', { event: 'failed', comment: error.message }, error.message);
    }
  }

  private async walk(px: ProcessTx, arrivals: Arrival[]): Promise<void> {
    const queue = [...arrivals];
    let steps = 0;
    for (;;) {
      for (let a = queue.shift(); a; a = queue.shift()) {
        if (px.instance.status !== 'running') return;
        if (++steps > MAX_STEPS) throw new ProcessFailure(`more than ${MAX_STEPS} steps without waiting: the process loops`);
        const result = await nodeExecutors.get(a.node.type).arrive(px, a.node as never, a);
        if ('wait' in result) {
          await insertToken(px.trx, { id: a.tokenId, instanceId: px.instance.id, node: a.node.id, ...(result.dueAt ? { dueAt: result.dueAt } : {}) });
          if (result.dueAt) await this.timer(px.trx, { kind: 'token', instanceId: px.instance.id, tokenId: a.tokenId }, result.dueAt);
        } else if ('next' in result) queue.push(...this.follow(px, a.node.id, result.next));
        else if (px.endStatus) return this.end(px, px.endStatus, { event: 'finished' });
      }
      const { joined, waiting } = await this.settle(px);
      if (waiting === 0) break;
      // Tokens wait and no join can go on: the instance rests until a decision, a timer or a child moves it.
      if (!joined.length) return;
      queue.push(...joined);
    }
    const status = px.endStatus ?? (px.instance.outcome === 'approved' || px.instance.outcome === 'rejected' ? px.instance.outcome : 'completed');
    await this.finish(px, status, { event: 'finished' });
  }

  /** Lets a gathering node (a join) whose branches are all in go on: the arrivals it sends on, and how many tokens waited. */
  private async settle(px: ProcessTx): Promise<{ joined: Arrival[]; waiting: number }> {
    const waiting = await waitingTokens(px.trx, px.instance.id);
    const graph = graphOf(px.process);
    for (const nodeId of new Set(waiting.map((t) => t.node))) {
      const node = graph.node(nodeId);
      const settle = nodeExecutors.get(node.type).settle;
      if (!settle?.(px, node as never, waiting.filter((t) => t.node !== nodeId).map((t) => t.node))) continue;
      await endTokens(px.trx, waiting.filter((t) => t.node === nodeId).map((t) => t.id));
      return { joined: this.follow(px, nodeId, null), waiting: waiting.length };
    }
    return { joined: [], waiting: waiting.length };
  }

  private follow(px: ProcessTx, from: string, outcome: string | null): Arrival[] {
    return graphOf(px.process).next(from, outcome).map((node) => ({ tokenId: randomUUID(), node, from }));
  }

  private async finish(px: ProcessTx, status: Instance['status'], step: { event: string; comment?: string }, error?: string): Promise<void> {
    px.instance.status = status;
    await finishInstance(px.trx, px.instance, px.actor, stepJson(px, { ...step, status }), error);
    if (!px.instance.parentId || !px.instance.parentToken) return;
    const parent = await lockInstance(px.trx, px.instance.parentId);
    if (parent?.status !== 'running') return;
    const ppx = await this.open(px.trx, parent, px.actor);
    await this.resume(ppx, px.instance.parentToken, null);
  }
}
