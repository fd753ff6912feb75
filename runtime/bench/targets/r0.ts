// R0, the Node ceiling (DESIGN.md §7): node:http and pg with named prepared statements, nothing else.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { serve } from './child';
import { getAccount, insertAccount, listAccounts, openPool, type NewAccount } from './queries';

const pool = openPool();

const send = (res: ServerResponse, status: number, body: unknown) => {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
};

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const [pathname = '', search = ''] = (req.url ?? '').split('?');
  if (req.method === 'GET' && pathname.startsWith('/accounts/')) {
    const { rows } = await pool.query(getAccount(pathname.slice('/accounts/'.length)));
    return rows[0] ? send(res, 200, rows[0]) : send(res, 404, { error: 'not found' });
  }
  if (req.method === 'GET' && pathname === '/accounts') {
    const query = new URLSearchParams(search);
    const { rows } = await pool.query(listAccounts(query.get('status') ?? '', query.get('minAmount') ?? '0', Number(query.get('limit') ?? 50)));
    return send(res, 200, { data: rows });
  }
  if (req.method === 'POST' && pathname === '/accounts') {
    const { rows } = await pool.query(insertAccount(JSON.parse(await readBody(req)) as NewAccount));
    return send(res, 201, rows[0]);
  }
  send(res, 404, { error: 'not found' });
}

serve(
  createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  }),
);
