import { startServer } from '../../../src/start/start-server';

/**
 * Starts Tessera on the app folder in APP_DIR, on DATABASE_URL (PostgreSQL) or DATA_DIR (a PGlite folder), on a free
 * port, and prints `listening <url>` once it serves. SIGTERM closes it cleanly; the crash test kills it with SIGKILL.
 */
async function main(): Promise<void> {
  const appDir = process.env.APP_DIR;
  const url = process.env.DATABASE_URL;
  const dataDir = process.env.DATA_DIR;
  if (!appDir || (!url && !dataDir)) throw new Error('APP_DIR and DATABASE_URL or DATA_DIR must be set');
  const started = await startServer({ appDir, port: 0, database: url ? { url } : { dataDir: dataDir! } });
  if (!started.ok) throw new Error(`not started: ${JSON.stringify(started.failure)}`);
  const { server } = started;
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
  process.stdout.write(`listening ${server.url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
