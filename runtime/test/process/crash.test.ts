import { connect } from '../../src/db/connect';
import { startSmtpServer } from '../notifications/support';
import { openTestDatabase, testEngines } from '../support/databases';
import { openWorkFolder } from './crash/app';
import { ServerProcess, serverEnv } from './crash/child-server';
import { Client } from './crash/client';
import { KILL_AFTER } from './crash/kills';
import { seed } from './crash/seed';
import { runStream } from './crash/stream';
import { verify } from './crash/verify';

/*
 * A crash test: a real server process (the TypeScript sources through a require hook, crash/child.js) serves a stream
 * of approval decisions from concurrent clients while task timeouts fire by themselves and e-mails go out through a
 * local SMTP sink; in the middle of it the server is killed with SIGKILL, started again on the same database, and the
 * stream goes on (a request that got no answer is sent again). At the end SQL counts and the sink prove that every
 * decision, timer and message happened exactly once (e-mails: at least once, a copy only with the same Message-ID).
 */

const LONG = 120_000;

async function crashRun(engine: 'pglite' | 'postgres'): Promise<void> {
  const folder = await openWorkFolder();
  const pg = engine === 'postgres' ? await openTestDatabase('postgres') : undefined;
  const smtp = await startSmtpServer();
  const server = new ServerProcess(serverEnv(folder.appDir, pg ? { url: pg.url! } : { dataDir: folder.dataDir }, smtp.url));
  try {
    await server.start();
    const client = new Client(server);
    const cast = await seed(client);
    const run = await runStream(client, cast, server, pg?.db);
    expect(await server.stop()).toBe(true);
    expect(run.failures).toEqual([]);
    expect(server.kills).toBe(KILL_AFTER.length);

    // The proof, in SQL on the database the server used (PGlite's folder opens here once the server has let it go).
    const db = pg ? pg.db : await connect({ dataDir: folder.dataDir });
    try {
      const received = smtp.received.map((m) => m.headers['message-id'] ?? '(none)');
      const counts = await verify(db, { deals: cast.deals, ids: cast.ids, sent: run.sent, submits: run.submits, received });
      console.log(`crash test on ${engine}: ${JSON.stringify({
        ...counts, kills: server.kills, requestsWithoutAnswer: client.lostRequests, smtpConnectionsCut: smtp.connectionErrors(), crashes: run.crashes, streamMs: run.streamMs,
      })}`);
    } finally {
      if (!pg) await db.close();
    }
  } finally {
    await server.dispose();
    await smtp.close();
    await pg?.close();
    await folder.remove();
  }
}

// PostgreSQL when TEST_DATABASE_URL is set; PGlite with its folder on disk, which opens again after the SIGKILL.
describe.each(testEngines())('a server killed with SIGKILL mid-stream on %s', (engine) => {
  it('keeps every decision, timer and message exactly once', () => crashRun(engine), LONG);
});
