import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';
import { onTeardown } from './teardown';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

/** A running throwaway PostgreSQL cluster. */
export interface PgCluster {
  readonly url: string;
  readonly version: string;
}

const binDir = (): string => {
  const versions = existsSync(PG_ROOT) ? readdirSync(PG_ROOT).sort((a, b) => Number(a) - Number(b)) : [];
  const dir = versions.length ? path.join(PG_ROOT, versions.at(-1)!, 'bin') : undefined;
  if (!dir || !existsSync(path.join(dir, 'initdb'))) {
    throw new Error(`no PostgreSQL server under ${PG_ROOT}/*/bin: install Debian's postgresql (apt-get install postgresql)`);
  }
  return dir;
};

/**
 * Starts a throwaway cluster on a free loopback port, with fsync off, registered for teardown (stopped and removed).
 * initdb refuses to run as root, so as root every server command runs as the `postgres` user.
 */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const pg = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]) : run(path.join(bin, command), args);
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-pg-'));
  const data = path.join(dir, 'data');
  let started = false;
  onTeardown(async () => {
    if (started) await pg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });
  if (asRoot) await run('chown', ['postgres', dir]);
  await pg('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=100`;
  started = true;
  await pg('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', options, 'start']);
  const { stdout } = await run(path.join(bin, 'postgres'), ['--version']);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, version: stdout.trim() };
}
