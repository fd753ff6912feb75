// R1, the stack baseline (DESIGN.md §7): express 5 and pg with prepared statements, hand-written routes, no metadata.
import { createServer } from 'node:http';
import express from 'express';
import { serve } from './child';
import { getAccount, insertAccount, listAccounts, openPool, type NewAccount } from './queries';

const pool = openPool();
const app = express();
app.use(express.json());

app.get('/accounts/:id', async (req, res) => {
  const { rows } = await pool.query(getAccount(req.params.id));
  if (rows[0]) res.json(rows[0]);
  else res.status(404).json({ error: 'not found' });
});

app.get('/accounts', async (req, res) => {
  const { status = '', minAmount = '0', limit = '50' } = req.query as Record<string, string | undefined>;
  const { rows } = await pool.query(listAccounts(status, minAmount, Number(limit)));
  res.json({ data: rows });
});

app.post('/accounts', async (req, res) => {
  const { rows } = await pool.query(insertAccount(req.body as NewAccount));
  res.status(201).json(rows[0]);
});

serve(createServer(app));
