import { Pool, type QueryConfig } from 'pg';
import { BASELINE_TABLE } from '../seed';

const COLUMNS = 'id, version, name, email, status, amount, created_at as "createdAt"';

/** The account fields a create request carries. */
export interface NewAccount {
  readonly name: string;
  readonly email: string;
  readonly status: string;
  readonly amount: number;
}

/** The pool R0 and R1 share in shape: the same size as the runtime's own pg pool. */
export function openPool(): Pool {
  return new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
}

/** The named prepared statement that reads one account by id. */
export function getAccount(id: string): QueryConfig {
  return { name: 'get-account', text: `select ${COLUMNS} from ${BASELINE_TABLE} where id = $1`, values: [id] };
}

/** The named prepared statement that lists accounts of a status above an amount, newest first. */
export function listAccounts(status: string, minAmount: string, limit: number): QueryConfig {
  return {
    name: 'list-accounts',
    text: `select ${COLUMNS} from ${BASELINE_TABLE} where status = $1 and amount >= $2 order by created_at desc, id desc limit $3`,
    values: [status, minAmount, limit],
  };
}

/** The named prepared statement that inserts one account, unvalidated, and returns it. */
export function insertAccount(account: NewAccount): QueryConfig {
  return {
    name: 'insert-account',
    text: `insert into ${BASELINE_TABLE} (id, name, email, status, amount) values (gen_random_uuid(), $1, $2, $3, $4) returning ${COLUMNS}`,
    values: [account.name, account.email, account.status, account.amount],
  };
}
