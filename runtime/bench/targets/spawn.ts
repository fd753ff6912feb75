import { fork } from 'node:child_process';
import path from 'node:path';
import type { RunningTarget, TargetContext } from './target';

const READY_TIMEOUT_MS = 15_000;

/** Starts a compiled server script of this folder as a child process (DATABASE_URL and `env` set) and resolves once it listens. */
export function spawnServer(script: string, context: TargetContext, env: NodeJS.ProcessEnv = {}): Promise<RunningTarget> {
  const child = fork(path.join(__dirname, script), [], {
    env: { ...process.env, ...env, DATABASE_URL: context.databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not listen within ${READY_TIMEOUT_MS} ms`));
    }, READY_TIMEOUT_MS);
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      resolve({ baseUrl: `http://127.0.0.1:${message.port}`, stop });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before listening (code ${code}, signal ${signal})`));
    });
  });
}
