import { Client } from 'pg';
import type { Fixture } from './targets/target';

/** The table R0 and R1 serve; a Tessera target copies its rows (ids included) into its own entity's table. */
export const BASELINE_TABLE = 'baseline_account';

const STATUSES = ['new', 'active', 'won', 'lost'];

/** Creates the baseline table, fills it with `rows` generated rows, analyzes it, and returns the seeded ids. */
export async function seed(databaseUrl: string, rows: number): Promise<Fixture> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`create table ${BASELINE_TABLE} (
      id uuid primary key,
      version integer not null default 1,
      name text not null,
      email text not null,
      status text not null,
      amount numeric(12, 2) not null,
      created_at timestamptz not null default now()
    )`);
    await client.query(
      `insert into ${BASELINE_TABLE} (id, name, email, status, amount, created_at)
       select md5('account-' || i)::uuid, 'Account ' || i, 'account' || i || '@example.com',
              ($2::text[])[1 + i % 4], (i * 37 % 100000) / 100.0, timestamptz '2026-01-01' - i * interval '1 minute'
       from generate_series(1, $1::integer) as i`,
      [rows, STATUSES],
    );
    // The list scenario filters on status and sorts on created_at: the index a hand-written app would add.
    await client.query(`create index on ${BASELINE_TABLE} (status, created_at desc, id desc)`);
    await client.query(`vacuum analyze ${BASELINE_TABLE}`);
    const result = await client.query<{ id: string }>(`select id from ${BASELINE_TABLE}`);
    return { rows, ids: result.rows.map((row) => row.id) };
  } finally {
    await client.end();
  }
}
