import { Agent, request } from 'node:http';
import type { LoadShape } from '../load';
import type { DecisionRequest } from './plan';

/** What one phase of decisions got back: the task ids by answer status (0: no answer), latencies, and how long it ran. */
export interface DecisionSample {
  readonly byStatus: ReadonlyMap<number, readonly string[]>;
  /** Milliseconds from sending each request to the end of its answer. */
  readonly latencies: readonly number[];
  readonly seconds: number;
  /** How many requests of the queue were sent (the next phase goes on from there). */
  readonly sent: number;
  /** Seconds after which the queue ran out, when it did before the time was up (the rate is then over a shorter time). */
  readonly dryAfter?: number;
}

/** POSTs a body and answers the status once the answer is read to its end; 0 when the connection failed. */
function post(agent: Agent, base: URL, path: string, token: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({
      agent, hostname: base.hostname, port: base.port, method: 'POST', path,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      // An answer cut off half-way is no answer: the decision may or may not have been made.
      res.on('close', () => resolve(res.complete ? res.statusCode ?? 0 : 0)).on('error', () => resolve(0)).resume();
    });
    req.on('error', () => resolve(0)).end(body);
  });
}

/**
 * Sends the queue's decisions over `connections` keep-alive connections, each taking the next request as soon as its
 * previous answer is in (a closed loop, as autocannon drives the other scenarios), until the time is up or the queue
 * is empty. Unlike autocannon, which drops the requests in flight when its time is up, it waits for every answer it
 * sent: the audit compares each answer with what the database kept, so an unread answer would pass for a lost one.
 */
export async function driveDecisions(baseUrl: string, tokens: readonly string[], queue: readonly DecisionRequest[], shape: LoadShape): Promise<DecisionSample> {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: shape.connections });
  const byStatus = new Map<number, string[]>();
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + shape.seconds * 1000;
  let next = 0;
  let dryAfter: number | undefined;
  const worker = async () => {
    for (;;) {
      if (performance.now() >= deadline) return;
      if (next >= queue.length) {
        dryAfter ??= (performance.now() - started) / 1000;
        return;
      }
      const { taskId, approver, decision } = queue[next++]!;
      const at = performance.now();
      const status = await post(agent, base, `/api/tasks/${taskId}/decision`, tokens[approver]!, JSON.stringify({ decision }));
      latencies.push(performance.now() - at);
      const ids = byStatus.get(status) ?? [];
      if (!ids.length) byStatus.set(status, ids);
      ids.push(taskId);
    }
  };
  try {
    await Promise.all(Array.from({ length: shape.connections }, worker));
  } finally {
    agent.destroy();
  }
  return { byStatus, latencies, seconds: (performance.now() - started) / 1000, sent: next, ...(dryAfter === undefined ? {} : { dryAfter }) };
}
