import autocannon from 'autocannon';
import type { HttpRequest, RunningTarget } from './targets/target';

/** What one load run measured. */
export interface LoadSample {
  readonly rps: number;
  readonly p99: number;
}

/** How hard and how long to drive a target. */
export interface LoadShape {
  readonly connections: number;
  readonly seconds: number;
}

/** Drives a running target with autocannon, a fresh request each time; throws on any non-2xx answer or error. */
export async function drive(target: RunningTarget, next: () => HttpRequest, shape: LoadShape, what: string): Promise<LoadSample> {
  const result = await autocannon({
    url: target.baseUrl,
    connections: shape.connections,
    duration: shape.seconds,
    requests: [{
      setupRequest: (request) => {
        const { method, path, body, headers } = next();
        return { ...request, method, path, body, headers: { ...target.headers, ...headers } };
      },
    }],
  });
  const broken = result.non2xx + result.errors;
  if (broken > 0) {
    throw new Error(
      `${what}: ${result.non2xx} non-2xx answers (4xx ${result['4xx']}, 5xx ${result['5xx']}) and ${result.errors} errors ` +
        `(${result.timeouts} timeouts) out of ${result.requests.sent} requests`,
    );
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}
