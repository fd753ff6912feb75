// Tessera's server as a bench target (DESIGN.md §7): startServer on TESSERA_APP_DIR and DATABASE_URL, port 0.
import { startServer } from '../../src/start/start-server';
import { announce } from './child';

async function main(): Promise<void> {
  const appDir = process.env.TESSERA_APP_DIR;
  const url = process.env.DATABASE_URL;
  if (!appDir || !url) throw new Error('TESSERA_APP_DIR and DATABASE_URL must be set');
  const started = await startServer({ appDir, database: { url }, port: 0 });
  if (!started.ok) throw new Error(`Tessera did not start: ${JSON.stringify(started.failure)}`);
  announce(Number(new URL(started.server.url).port));
}

main().catch((error: unknown) => {
  process.stderr.write(`tessera target: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
