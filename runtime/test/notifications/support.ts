import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { deliveryConfig, ensureNotificationTables, type DeliveryConfig } from '../../src/notifications';
import { openHttpFixture, type HttpFixture } from '../http/support';

/** A migrated test database with the auth and notification tables. */
export async function openNotificationFixture(engine: 'pglite' | 'postgres'): Promise<HttpFixture> {
  const f = await openHttpFixture(engine);
  await ensureNotificationTables(f.t.db.knex);
  return f;
}

/** Adds a user straight into the user table (no password: these users only receive); answers its id. */
export async function addRecipient(knex: Knex, user: { email: string | null; name: string; locale?: 'en' | 'zh-CN' | null; active?: boolean }): Promise<string> {
  const [row] = await knex('user').insert({ email: user.email, name: user.name, locale: user.locale ?? null, active: user.active ?? true }).returning('id') as Array<{ id: string }>;
  return row!.id;
}

export const silentLogger = pino({ level: 'silent' });

/** A delivery config for tests: no waiting between tries unless asked, private addresses allowed unless asked. */
export function testConfig(env: Record<string, string> = {}, overrides: Partial<DeliveryConfig> = {}): DeliveryConfig {
  return { ...deliveryConfig({ TESSERA_WEBHOOK_ALLOW_PRIVATE: '1', TESSERA_OUTBOX_BACKOFF_MS: '0', TESSERA_SMTP_TIMEOUT_MS: '2000', ...env }), ...overrides };
}

/** A message the test SMTP server accepted: the envelope, the headers (unfolded, by lower-case name) and the text part. */
export interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  readonly headers: Record<string, string>;
  readonly text: string;
  readonly raw: string;
}

/** Decodes a quoted-printable part (what nodemailer uses for long lines). */
const decodeQp = (s: string) => Buffer.from(
  s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1',
).toString('utf8');

/** The headers and plain-text part of a raw message (enough of MIME for what the dispatcher sends). */
function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = rest.join('\n\n');
  const part = /Content-Type: text\/plain[^]*?\r?\n\r?\n([^]*?)\r?\n--/i.exec(body);
  return { headers, text: decodeQp(part ? part[1]! : body) };
}

/** A local SMTP server that accepts everything (127.0.0.1, a free port, no TLS, no login), what it received, and its cut connections. */
export async function startSmtpServer(): Promise<{ url: string; received: ReceivedMail[]; connectionErrors(): number; close(): Promise<void> }> {
  const received: ReceivedMail[] = [];
  let connectionErrors = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw, ...parseMail(raw) });
        callback();
      });
    },
  });
  // A client cut off mid-message (a test killing a server) is an ECONNRESET here: a dropped mail, not a test failure.
  server.on('error', () => {
    connectionErrors++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`, received, connectionErrors: () => connectionErrors,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A request the test webhook receiver got. */
export interface ReceivedCall {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A local HTTP receiver: answers each path with the status (200 by default) after the delay the test set, and records every call. */
export async function startReceiver(): Promise<{
  url: string; port: number; calls: ReceivedCall[]; answer: Map<string, number>; delay: Map<string, number>; close(): Promise<void>;
}> {
  const calls: ReceivedCall[] = [];
  const answer = new Map<string, number>();
  const delay = new Map<string, number>();
  const server: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => setTimeout(() => {
      calls.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answer.get(req.url ?? '') ?? 200;
      res.end(res.statusCode >= 400 ? 'receiver says no' : 'ok');
    }, delay.get(req.url ?? '') ?? 0));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, port, calls, answer, delay,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A port nothing listens on (bound, then freed). */
export async function closedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The outbox rows, oldest first, as stored. */
export async function outboxRows(knex: Knex): Promise<Array<Record<string, unknown> & { id: string; key: string; status: string; attempts: number; last_error: string | null }>> {
  return knex('tessera_outbox').orderBy('id');
}
