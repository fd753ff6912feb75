import type { ServerProcess } from './child-server';

const REQUEST_MS = 20_000;
/** No kill falls in the setup: its requests give up on a server that is not back after this. */
const SETUP_MS = 75_000;
/** How long the stream may take, from its start to every instance finished and every e-mail sent. */
export const STREAM_MS = 45_000;

/** An answer, and how many tries before it got none (a crash: the request was sent again after the restart). */
export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown> & { data?: unknown[] };
  readonly lost: number;
}

/** The HTTP client of every simulated user: a request that got no answer (the server died) is sent again once it is back. */
export class Client {
  /** Tries that got no answer, over the whole run. */
  lostRequests = 0;
  /** When waiting for a restart gives up. */
  deadline = Date.now() + SETUP_MS;

  constructor(private readonly server: ServerProcess) {}

  /** Sends a request until it gets an answer, whatever its status. */
  async call(method: string, pathname: string, token?: string, body?: unknown): Promise<Answer> {
    let lost = 0;
    for (;;) {
      const generation = this.server.generation;
      const base = this.server.url;
      if (base) {
        try {
          const res = await fetch(`${base}${pathname}`, {
            method, signal: AbortSignal.timeout(REQUEST_MS),
            headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          const text = await res.text();
          return { status: res.status, body: text ? JSON.parse(text) : {}, lost };
        } catch (error) {
          // A server that hangs is a failure of its own, not a crash.
          if ((error as Error).name === 'TimeoutError') throw new Error(`${method} ${pathname} had no answer in ${REQUEST_MS} ms:\n${this.server.output()}`, { cause: error });
          lost++;
          this.lostRequests++;
        }
      }
      await this.server.restartedAfter(generation, this.deadline);
    }
  }

  /** Sends a request and answers its body; throws unless the status is the expected one. */
  async ok(expected: number, method: string, pathname: string, token?: string, body?: unknown): Promise<Answer['body']> {
    const answer = await this.call(method, pathname, token, body);
    if (answer.status !== expected) throw new Error(`${method} ${pathname} answered ${answer.status}, not ${expected}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Starts the stream's time: from now on a request waits for a restart until STREAM_MS have passed. */
  startStream(): void {
    this.deadline = Date.now() + STREAM_MS;
  }

  /** Logs a user in; answers the bearer token. */
  async login(email: string, password: string): Promise<string> {
    return (await this.ok(200, 'POST', '/api/auth/login', undefined, { email, password })).token as string;
  }
}
