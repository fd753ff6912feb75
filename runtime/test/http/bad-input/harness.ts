/**
 * Runs bad-input cases against a real server: one fixture per engine and test file (a migrated database, an admin,
 * a seeded record of every entity), requests with bounded parallelism, and the checks every case shares.
 */
import { quoteIdent, type AppModel } from '@tessera/core';
import type { Express } from 'express';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request, { type Response } from 'supertest';
import { openHttpFixture, type HttpFixture } from '../support';
import {
  apiForm, badInputApp, fieldsOf, generateCases, isReadOnly, returned, SECTIONS, targetOf, validBody,
  type Area, type BadInputCase, type Section, type Seeds,
} from './cases';

const PASSWORD = 'bad-input pa55word';
/** Requests in flight at once. */
const PARALLEL = 8;
/** Refused writes checked together against one before/after snapshot of the tables. */
const WRITE_BATCH = 40;
/**
 * Node refuses a request whose headers pass 16 KB with a bare 431 before the app sees it; the cases run on a server
 * that lets 1 MB through, so the 100 KB URLs and 10,000-item lists reach the app's own limits.
 */
const MAX_HEADER_SIZE = 1 << 20;

/** What a test file gets: the seeds, the cases of an area, and a runner that answers the failures found. */
export interface BadInputFixture {
  readonly app: AppModel;
  /** The express app itself, for requests through a server with Node's default limits. */
  expressApp(): Express;
  seeds(): Seeds;
  cases(area: Area, entity: string, section: Section): BadInputCase[];
  run(cases: readonly BadInputCase[]): Promise<string[]>;
}

/** Opens the fixture before the file's tests and closes it after; call it inside the engine's describe. */
export function setupBadInput(engine: 'pglite' | 'postgres', options: { manyAccounts?: boolean } = {}): BadInputFixture {
  const app = badInputApp;
  let f: HttpFixture;
  let server: Server;
  let agent: Agent;
  let express: Express;
  let token = '';
  let seeds: Seeds | undefined;
  let generated: Map<Area, BadInputCase[]> | undefined;

  beforeAll(async () => {
    f = await openHttpFixture(engine, app);
    const adminId = await f.addUser({ email: 'admin@example.com', password: PASSWORD, roles: ['admin'] });
    const otherUserId = await f.addUser({ email: 'other@example.com', password: PASSWORD });
    express = f.server();
    server = createServer({ maxHeaderSize: MAX_HEADER_SIZE }, express);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    agent = new Agent({ keepAlive: true, maxSockets: PARALLEL });
    const login = await request(server).post('/api/auth/login').send({ email: 'admin@example.com', password: PASSWORD });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${login.text}`);
    token = login.body.token as string;
    seeds = { ...(await seedRecords(server, token, app, adminId)), adminId, otherUserId };
    if (options.manyAccounts) await manyAccounts(server, token);
  });
  afterAll(async () => {
    agent?.destroy();
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await f?.t.close();
  });

  const all = (area: Area) => {
    generated ??= new Map();
    if (!generated.has(area)) generated.set(area, generateCases(app, seeds!, area));
    return generated.get(area)!;
  };
  return {
    app,
    expressApp: () => express,
    seeds: () => seeds!,
    cases: (area, entity, section) => all(area).filter((c) => c.entity === entity && c.section === section),
    run: (cases) => runCases({ server, agent, token }, f, app, cases),
  };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Creates one record of every entity through the API (an entity waits for the targets of its required references),
 * then updates each with references to every seeded record, so every seed is at version 2.
 */
async function seedRecords(server: Server, token: string, app: AppModel, adminId: string): Promise<Pick<Seeds, 'records'>> {
  const records: Record<string, { id: string; version: number }> = {};
  const pending = Object.values(app.entities);
  while (pending.length) {
    const i = pending.findIndex((e) => fieldsOf(e).every((x) => isReadOnly(x) || !x.required || !targetOf(x) || records[targetOf(x)!] || targetOf(x) === 'user'));
    if (i < 0) throw new Error(`cannot seed ${pending.map((e) => e.name).join(', ')}: required references go round`);
    const entity = pending.splice(i, 1)[0]!;
    const res = await request(server).post(`/api/records/${entity.name}`).set(bearer(token)).send(validBody(entity, { records, adminId }));
    if (res.status !== 201) throw new Error(`seeding ${entity.name}: ${res.status} ${res.text}`);
    records[entity.name] = { id: res.body.id as string, version: 1 };
  }
  for (const entity of Object.values(app.entities)) {
    const seed = records[entity.name]!;
    const res = await request(server).patch(`/api/records/${entity.name}/${seed.id}`).set(bearer(token)).set('If-Match', `"${seed.id}:1"`)
      .send(validBody(entity, { records, adminId }));
    if (res.status !== 200) throw new Error(`updating the ${entity.name} seed: ${res.status} ${res.text}`);
    records[entity.name] = { id: seed.id, version: res.body.version as number };
  }
  return { records };
}

/** 600 more accounts, so that a capped page is really cut at the maximum. */
async function manyAccounts(server: Server, token: string): Promise<void> {
  const records = Array.from({ length: 600 }, (_v, i) => ({ name: `Account ${i}` }));
  const res = await request(server).post('/api/records/account/bulk').set(bearer(token)).send({ records });
  if (res.status !== 200) throw new Error(`bulk accounts: ${res.status} ${res.text}`);
}

/** Row counts and version sums of every entity table, and the history and credential counts, as one text. */
async function snapshot(f: HttpFixture, app: AppModel): Promise<string> {
  const parts = [
    ...Object.values(app.entities).map((e) => `(select count(*) || '/' || coalesce(sum("version"), 0) from ${quoteIdent(e.table)})`),
    '(select count(*)::text from tessera_history)', '(select count(*)::text from tessera_credentials)',
  ];
  const result = await f.t.db.knex.raw(`select ${parts.join(` || ' ' || `)} as s`) as { rows: Array<{ s: string }> };
  return result.rows[0]!.s;
}

/** Where requests go: the listening server, a keep-alive agent for it, the admin's token. */
interface Target {
  readonly server: Server;
  readonly agent: Agent;
  readonly token: string;
}

function send(t: Target, c: BadInputCase): Promise<Response | RawResponse> {
  if (c.body && c.body.contentType === undefined) return sendWithoutType(t, c);
  const method = c.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
  let r = request(t.server)[method](c.path).agent(t.agent).set(bearer(t.token));
  for (const [name, value] of Object.entries(c.headers ?? {})) r = r.set(name, value);
  // superagent sends a string body as it is once its Content-Type is set.
  if (c.body) r = r.set('Content-Type', c.body.contentType!).send(c.body.text);
  return r.then((res) => res);
}

/** The parts of a response the checks read. */
export type RawResponse = Pick<Response, 'status' | 'text' | 'headers'>;

/** A request with a body and no Content-Type at all, which superagent cannot send: plain node http. */
function sendWithoutType(t: Target, c: BadInputCase): Promise<RawResponse> {
  const { port } = t.server.address() as AddressInfo;
  const body = Buffer.from(c.body!.text, 'utf8');
  const headers = { ...bearer(t.token), ...c.headers, 'Content-Length': String(body.length) };
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: c.path, method: c.method, agent: t.agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers as Response['headers'] }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs items with at most n in flight. */
async function pool<T>(items: readonly T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

const label = (c: BadInputCase) => `${c.entity} ${c.title} [${c.method} ${c.path.length > 160 ? `${c.path.slice(0, 157)}...` : c.path}]`;

async function runCases(t: Target, f: HttpFixture, app: AppModel, cases: readonly BadInputCase[]): Promise<string[]> {
  const failures: string[] = [];
  const attempt = async (c: BadInputCase): Promise<RawResponse | undefined> => {
    try {
      const res = await send(t, c);
      failures.push(...problemsOf(app, c, res).map((p) => `${label(c)}: ${p}`));
      return res;
    } catch (error) {
      failures.push(`${label(c)}: the request failed: ${(error as Error).message}`);
      return undefined;
    }
  };
  const reads = cases.filter((c) => c.method === 'GET');
  const refusedWrites = cases.filter((c) => c.method !== 'GET' && c.expect.kind !== 'refusedOrStored');
  const maybeStored = cases.filter((c) => c.method !== 'GET' && c.expect.kind === 'refusedOrStored');
  await pool(reads, PARALLEL, async (c) => { await attempt(c); });

  // Writes that must be refused run in parallel batches; a batch that changed the tables is run again one by one to
  // name the case that wrote.
  for (let i = 0; i < refusedWrites.length; i += WRITE_BATCH) {
    const batch = refusedWrites.slice(i, i + WRITE_BATCH);
    const before = await snapshot(f, app);
    await pool(batch, PARALLEL, async (c) => { await attempt(c); });
    const after = await snapshot(f, app);
    if (after === before) continue;
    let named = false;
    for (const c of batch) {
      const s0 = await snapshot(f, app);
      const res = await send(t, c);
      const s1 = await snapshot(f, app);
      if (s0 !== s1) {
        failures.push(`${label(c)}: answered ${res.status} and wrote (${s0} -> ${s1})`);
        named = true;
      }
    }
    if (!named) failures.push(`a batch of writes changed the tables (${before} -> ${after}): ${batch.map(label).join('; ')}`);
  }
  // Values the schema accepts may be stored: one at a time, so a refusal can be checked to have written nothing.
  for (const c of maybeStored) {
    const before = await snapshot(f, app);
    const res = await attempt(c);
    if (res && res.status >= 400) {
      const after = await snapshot(f, app);
      if (after !== before) failures.push(`${label(c)}: refused with ${res.status} but wrote (${before} -> ${after})`);
    }
  }
  return failures;
}

// What the server must never send: its SQL, a stack, a password hash. Input echoed back in an issue is removed first.
// The patterns run over the JSON text, where a quote may be escaped.
const LEAKS: ReadonlyArray<readonly [string, RegExp]> = [
  ['SQL text', /select |from \\?"|syntax error|relation \\?"|column \\?"/i],
  ['a stack', /(?:\n|\\n)\s*at |\bat [^\n"]*[\\/][^\n"]*:\d+|\.(?:ts|js):\d/],
  ['a password hash', /\$argon2|\$v=19\$/],
];

/** What is wrong with an answer to a case: an empty list when it is right. */
export function problemsOf(app: AppModel, c: BadInputCase, res: RawResponse): string[] {
  const out: string[] = [];
  const status = res.status;
  if (status >= 500) out.push(`answered ${status} ${res.text.slice(0, 300)}`);
  const refusedOk = () => {
    if (status < 400 || status >= 500) return [`expected a 4xx, got ${status} ${res.text.slice(0, 200)}`];
    if (c.expect.kind === 'refused' && c.expect.status && !c.expect.status.includes(status)) return [`expected ${c.expect.status.join(' or ')}, got ${status} ${res.text.slice(0, 200)}`];
    return [];
  };
  const body = (): { data?: unknown[]; page?: { next?: unknown }; results?: Array<{ status: number; record?: Record<string, unknown> }> } & Record<string, unknown> => {
    try {
      return JSON.parse(res.text) as never;
    } catch {
      return {};
    }
  };
  switch (c.expect.kind) {
    case 'refused':
      out.push(...refusedOk());
      break;
    case 'refusedOrEmpty':
      if (status === 200) {
        const data = body().data;
        if (!Array.isArray(data) || data.length > 0) out.push(`taken as a match: 200 with ${Array.isArray(data) ? data.length : 'no'} rows`);
      } else out.push(...refusedOk());
      break;
    case 'capped': {
      const b = body();
      if (status !== 200 || b.data?.length !== c.expect.rows || typeof b.page?.next !== 'string') out.push(`expected 200 capped at ${c.expect.rows} rows with a next cursor, got ${status} with ${b.data?.length} rows`);
      break;
    }
    case 'ok':
      if (status < 200 || status >= 300) out.push(`expected 2xx (a control), got ${status} ${res.text.slice(0, 300)}`);
      break;
    case 'refusedOrStored': {
      if (status >= 400) {
        out.push(...refusedOk());
        break;
      }
      const b = body();
      const record = c.path.endsWith('/bulk') ? b.results?.[0]?.record : b;
      const field = app.entities[c.entity]!.fields[c.expect.field]!;
      const sent = JSON.stringify(apiForm(field, c.expect.value));
      // A write-only field (a password) is never answered: that the record was written is all a client can see.
      const stored = record ? JSON.stringify(apiForm(field, returned(field) ? record[c.expect.field] : c.expect.value)) : undefined;
      if (status < 200 || status >= 300 || stored !== sent) out.push(`accepted with ${status} but stored ${stored?.slice(0, 80)} for ${sent.slice(0, 80)}`);
      break;
    }
  }
  if (status >= 400) {
    const type = String(res.headers['content-type'] ?? '');
    if (!type.startsWith('application/problem+json')) out.push(`an error as ${type || 'no content type'}, not application/problem+json`);
    else if (body().status !== status) out.push('a problem whose status member is not the response status');
  }
  // Most answers match no leak pattern at all; only those that do are looked at without the request's own text.
  const rawText = res.text ?? '';
  const text = LEAKS.some(([, pattern]) => pattern.test(rawText)) ? stripEchoes(rawText, c) : rawText;
  for (const [what, pattern] of LEAKS) {
    const m = pattern.exec(text);
    if (m) out.push(`leaks ${what}: ...${text.slice(Math.max(0, m.index - 60), m.index + 60)}...`);
  }
  return out;
}

/** The response text without anything the request itself sent (names and values are echoed in issues on purpose). */
function stripEchoes(text: string, c: BadInputCase): string {
  const fragments = new Set<string>();
  const add = (s: string) => {
    for (const part of [s, ...s.split(/[,.]/)]) if (part.length >= 3) fragments.add(part);
  };
  const url = new URL(c.path, 'http://localhost');
  for (const segment of url.pathname.split('/')) {
    try {
      add(decodeURIComponent(segment));
    } catch {
      add(segment);
    }
  }
  for (const [key, value] of url.searchParams) {
    add(key);
    add(value);
    const inner = /^where\[([^\]]*)\]/.exec(key);
    if (inner) add(inner[1]!);
    addJsonStrings(value, add);
  }
  for (const value of Object.values(c.headers ?? {})) add(value);
  if (c.body) addJsonStrings(c.body.text, add);
  let out = text;
  for (const fragment of [...fragments].sort((a, b) => b.length - a.length)) {
    for (const form of new Set([fragment, JSON.stringify(fragment).slice(1, -1)])) if (out.includes(form)) out = out.split(form).join('');
  }
  return out;
}

/** Adds every key and string inside a JSON text (or the text itself when it is not JSON), down to a bounded depth. */
function addJsonStrings(text: string, add: (s: string) => void): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    add(text);
    return;
  }
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') add(v);
    else if (v && typeof v === 'object' && depth < 50) {
      for (const [k, item] of Object.entries(v)) {
        add(k);
        stack.push([item, depth + 1]);
      }
    }
  }
}

/** One test per entity and section of an area: every case answered as `expectation` says (fx.run lists the others). */
export function testEverySection(fx: BadInputFixture, area: Area, expectation: string): void {
  describe.each(Object.keys(badInputApp.entities))('%s', (entity) => {
    it.each(SECTIONS[area])(`%s: ${expectation}`, async (section) => {
      const cases = fx.cases(area, entity, section);
      expect(cases.length).toBeGreaterThan(0);
      expect(await fx.run(cases)).toEqual([]);
    });
  });
}
