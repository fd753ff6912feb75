import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../free-port';
import type { Scenario } from '../scenario';

// The app `npm start` serves: every CRM plugin, and its demo data on the first start.
const APP = path.resolve(__dirname, '../../../../examples/crm');
const CLI = path.resolve(__dirname, '../../src/cli/main.js');
const GIVE_UP_MS = 60_000;

/** Starts `tessera start` on the app and answers the milliseconds until GET /api/health answers 200. */
async function timeStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'start', '--app', APP, '--data', dataDir, '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    while (performance.now() - started < GIVE_UP_MS) {
      if (child.exitCode !== null) throw new Error(`tessera start exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`tessera start did not answer within ${GIVE_UP_MS} ms`);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * DESIGN.md §7: `tessera start` on the embedded database, from the command to the first answer, on a database it has
 * started before (the everyday start). The very first start (initdb, migrations, first admin) is in the note.
 */
export const startEmbeddedScenario: Scenario = {
  name: `start ${path.basename(APP)} on PGlite to first answer`,
  async run(rounds) {
    const dir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-start-'));
    try {
      const first = await timeStart(dir);
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) times.push(await timeStart(dir));
      return { unit: 'ms', samples: times, budget: { max: 3000 }, note: `first start on an empty folder ${Math.round(first)} ms` };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
