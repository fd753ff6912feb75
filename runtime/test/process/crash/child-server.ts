import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN } from './app';

const CHILD = path.join(__dirname, 'child.js');
const START_MS = 30_000;

/** The server's database: a PostgreSQL schema by URL, or a PGlite folder on disk (which opens again after a SIGKILL). */
export type ServerDatabase = { url: string } | { dataDir: string };

/** The server process's environment: the app, its database, the SMTP sink, and delivery timings short enough for a test. */
export function serverEnv(appDir: string, database: ServerDatabase, smtpUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    APP_DIR: appDir,
    ...('url' in database ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir }),
    SMTP_URL: smtpUrl, MAIL_FROM: 'Tessera <no-reply@example.com>',
    // A row being sent when the server dies is due again when its lease ends: short, so the test need not wait 5 minutes.
    TESSERA_SMTP_TIMEOUT_MS: '1000', TESSERA_WEBHOOK_TIMEOUT_MS: '1000', TESSERA_OUTBOX_LEASE_MS: '4000', TESSERA_OUTBOX_POLL_MS: '200',
    TESSERA_ADMIN_EMAIL: ADMIN.email, TESSERA_ADMIN_PASSWORD: ADMIN.password,
    // CRASH_TEST_LOG_LEVEL=warn shows the server's log in a failure's message.
    LOG_LEVEL: process.env.CRASH_TEST_LOG_LEVEL ?? 'silent',
  };
}

/** Resolves true once `event` settles, false after `ms`; the timer is cleared either way, so none outlives the test. */
async function within(event: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([event.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The server as a child process (crash/child.js): started, killed with SIGKILL, started again on the same database. */
export class ServerProcess {
  /** Where the server listens; undefined from a kill or a stop until it listens again. */
  url: string | undefined;
  /** Counts starts: a request that got no answer waits for the next one. */
  generation = 0;
  /** The test's kills (dispose() is not one). */
  kills = 0;
  private child: ChildProcess | undefined;
  private log = '';
  /** Set by dispose(): a restart or a waiting request after a failed test must not leave a server or a loop behind. */
  private disposed = false;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The server's recent output, for a failure's message. */
  output(): string {
    return this.log.slice(-8000);
  }

  /** Starts the child and resolves once it prints `listening <url>`. */
  async start(): Promise<void> {
    if (this.disposed) throw new Error('the test has ended: no server is started after it');
    const child = spawn(process.execPath, ['--enable-source-maps', CHILD], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-20_000);
    };
    child.stderr!.on('data', keep);
    let out = '';
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start within ${START_MS} ms:\n${this.output()}`)), START_MS);
      child.stdout!.on('data', (chunk: Buffer) => {
        keep(chunk);
        out += chunk.toString();
        const m = /^listening (\S+)$/m.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code ?? signal}) before it listened:\n${this.output()}`));
      });
    });
    this.generation++;
  }

  /** SIGKILL: no shutdown of any kind, as in a power cut of the process (the database stays up). */
  async kill(): Promise<void> {
    this.url = undefined;
    this.kills++;
    await this.signal('SIGKILL');
  }

  /** A clean stop (SIGTERM), so PGlite's folder can be opened by the test afterwards; false if it had to be killed. */
  async stop(): Promise<boolean> {
    this.url = undefined;
    if (await this.signal('SIGTERM', 15_000)) return true;
    await this.signal('SIGKILL');
    return false;
  }

  /** Kills whatever still runs when the test ends (not counted as one of the test's kills). */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.signal('SIGKILL');
  }

  /** Resolves once a start after the given one has the server listening; throws after the deadline. */
  async restartedAfter(generation: number, deadline: number): Promise<void> {
    while (this.generation <= generation) {
      if (this.disposed) throw new Error('the test ended while a request waited for the server');
      if (Date.now() > deadline) throw new Error(`a request got no answer and the server did not come back:\n${this.output()}`);
      await sleep(20);
    }
  }

  /** Signals the child and waits for its exit (at most `ms`): true when it exited. */
  private async signal(signal: NodeJS.Signals, ms = 10_000): Promise<boolean> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    return within(exited, ms);
  }
}
